package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.processor.fanout.CatchUpConfig;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.processor.fanout.FanOutTopology;
import io.fluxgate.processor.fanout.SubscriptionRoutes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FanOutTopologyTest {

  private static final String EVENTS = "events";
  private static final String PAYMENTS = "payments";
  private static final Instant NOW = Instant.parse("2025-07-25T10:30:00Z");
  private static final Instant CREATED = NOW.minusSeconds(60);
  private static final Duration PUNCTUATION = CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL;
  private static final int SMALL_STEP = 3;

  private InMemoryCatchUpReader reader;
  private FanOutMetrics metrics;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<byte[], byte[]> payments;
  private TestInputTopic<String, byte[]> subscriptions;

  @BeforeEach
  void startDriver() {
    start(CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP);
  }

  @AfterEach
  void closeDriver() {
    if (driver != null) {
      driver.close();
    }
  }

  private void start(int maxRecordsPerStep) {
    reader = new InMemoryCatchUpReader();
    metrics = new FanOutMetrics();
    CatchUpConfig catchUp =
        new CatchUpConfig(
            (appConfigs, clientId) -> reader,
            maxRecordsPerStep,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            PUNCTUATION);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            FanOutTopology.buildTopology(
                List.of(EVENTS, PAYMENTS), new SubscriptionRoutes(), metrics, catchUp),
            props,
            NOW);
    events = input(EVENTS);
    payments = input(PAYMENTS);
    subscriptions =
        driver.createInputTopic(
            PlatformTopics.SUBSCRIPTIONS, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void shouldRouteEachMatchingEventOnceToEachSubscription() {
    store(latest("agents", fromNow(), "agent.*", "agent.**", "agent.error"));
    store(latest("errors", fromNow(), "**.error"));
    store(latest("tools", fromNow(), "tool.*"));

    publish(events, "k1", "agent.started", "v1");
    publish(events, "k2", "agent.error", "v2");
    publish(payments, "k3", "tool.http.error", "v3");
    publish(events, "k4", "billing.charged", "v4");

    assertThat(values("agents")).containsExactly("v1", "v2");
    assertThat(values("errors")).containsExactly("v2", "v3");
    assertThat(values("tools")).isEmpty();
    assertThat(metrics.routedCount()).isEqualTo(4);
  }

  @Test
  void shouldKeepKeyValueAndHeadersAndNameTheSubscription() {
    store(latest("agents", fromNow(), "agent.*"));

    publish(events, "key-1", "agent.started", "value-1", new RecordHeader("trace", utf8("t-1")));

    TestRecord<byte[], byte[]> copy = output("agents").readRecord();
    assertThat(text(copy.key())).isEqualTo("key-1");
    assertThat(text(copy.value())).isEqualTo("value-1");
    assertThat(text(copy.headers().lastHeader("trace").value())).isEqualTo("t-1");
    assertThat(text(copy.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER).value()))
        .isEqualTo("agent.started");
    assertThat(text(copy.headers().lastHeader(PlatformTopics.SUBSCRIPTION_HEADER).value()))
        .isEqualTo("agents");
  }

  @Test
  void shouldNotRouteEventsWithoutEventTypeHeader() {
    store(latest("all", fromNow(), "**"));

    publish(events, "k1", null, "no-type");
    publish(events, "k2", "agent.started", "typed");

    assertThat(values("all")).containsExactly("typed");
    assertThat(metrics.unroutableCount()).isEqualTo(1);
  }

  @Test
  void shouldNotRouteExpiredEventsLiveOrCaughtUp() {
    publish(events, "k0", "agent.started", "expired-before", expiresAt(NOW.minusSeconds(1)));
    publish(events, "k1", "agent.started", "fresh-before", expiresAt(NOW.plusSeconds(60)));
    store(earliest("all", "**"));

    publish(events, "k2", "agent.started", "expired-live", expiresAt(NOW.minusSeconds(1)));
    publish(events, "k3", "agent.started", "live");

    assertThat(values("all")).containsExactly("fresh-before", "live");
    assertThat(metrics.expiredCount()).as("expired records seen by the live path").isEqualTo(2);
  }

  @Test
  void shouldDeliverFromStartOffsetsEventsProcessedBeforeTheSubscriptionArrived() {
    store(latest("early", fromNow(), "agent.*"));
    publish(events, "k0", "agent.started", "e0");
    publish(events, "k1", "agent.started", "e1");
    Map<String, Long> startOffsets = fromNow();
    publish(events, "k2", "agent.started", "e2");
    publish(payments, "k3", "agent.paid", "p3");
    publish(events, "k4", "tool.started", "e4");

    store(latest("late", startOffsets, "agent.*"));
    publish(events, "k5", "agent.stopped", "e5");
    publish(payments, "k6", "agent.paid", "p6");

    assertThat(values("late")).containsExactly("e2", "e5", "p3", "p6");
    assertThat(valuesOf(output("late").readRecordsToList(), EVENTS)).isEmpty();
    assertThat(values("early")).containsExactly("e0", "e1", "e2", "p3", "e5", "p6");
  }

  @Test
  void shouldDeliverFromAStartTimeOnlyTheEventsStampedAtOrAfterIt() {
    Instant start = NOW.minusSeconds(300);
    publishAt(events, "agent.started", "e0", start.minusMillis(1));
    publishAt(events, "agent.started", "e1", start);
    publishAt(events, "agent.started", "e2", start.minusSeconds(600)); // stamped in the past
    Map<String, Long> startOffsets =
        Map.of(
            Subscription.partitionKey(EVENTS, 0), 1L, Subscription.partitionKey(PAYMENTS, 0), 0L);

    store(
        new Subscription(
            "since", null, List.of("agent.*"), StartPosition.at(start), startOffsets, CREATED));
    publishAt(events, "agent.started", "e3", NOW);
    publishAt(payments, "agent.paid", "p4", start.minusSeconds(1));
    driver.advanceWallClockTime(PUNCTUATION);

    assertThat(values("since")).containsExactly("e1", "e3");
  }

  @Test
  void shouldKeepSourceOrderPerPartitionForTheCaughtUpSubscription() {
    publish(events, "k0", "agent.started", "e0");
    Map<String, Long> startOffsets = fromNow();
    publish(events, "k1", "agent.started", "e1");
    publish(events, "k2", "agent.started", "e2");

    store(latest("late", startOffsets, "agent.*"));
    publish(events, "k3", "agent.started", "e3");

    assertThat(values("late")).containsExactly("e1", "e2", "e3");
  }

  @Test
  void shouldWaitForAStartOffsetTheFanOutHasNotReachedYet() {
    publish(events, "k0", "agent.started", "e0");
    store(latest("ahead", Map.of(Subscription.partitionKey(EVENTS, 0), 2L), "agent.*"));

    publish(events, "k1", "agent.started", "e1");
    publish(events, "k2", "agent.started", "e2");
    publish(events, "k3", "agent.started", "e3");

    assertThat(values("ahead")).containsExactly("e2", "e3");
    assertThat(reader.batchSizes()).isEmpty();
  }

  @Test
  void shouldRouteNothingAfterTheTombstone() {
    store(latest("temp", fromNow(), "agent.*"));
    publish(events, "k0", "agent.started", "before");

    delete("temp");
    publish(events, "k1", "agent.started", "after");
    driver.advanceWallClockTime(PUNCTUATION);

    assertThat(values("temp")).containsExactly("before");
  }

  @Test
  void shouldDeliverEveryRetainedEventFirstForEarliestThenLiveOnes() {
    publish(events, "k0", "agent.started", "e0");
    publish(events, "k1", "tool.started", "t1");
    publish(events, "k2", "agent.stopped", "e2");

    store(earliest("history", "agent.*"));
    publish(events, "k3", "agent.started", "e3");
    publish(events, "k4", "agent.stopped", "e4");
    driver.advanceWallClockTime(PUNCTUATION);

    assertThat(values("history")).containsExactly("e0", "e2", "e3", "e4");
  }

  @Test
  void shouldFinishACatchUpByPunctuationWhenNoNewRecordsArrive() {
    publish(events, "k0", "agent.started", "e0");
    publish(events, "k1", "agent.started", "e1");

    store(earliest("history", "agent.*"));
    assertThat(values("history")).isEmpty();

    driver.advanceWallClockTime(PUNCTUATION);
    assertThat(values("history")).containsExactly("e0", "e1");

    publish(events, "k2", "agent.started", "e2");
    assertThat(values("history")).containsExactly("e2");
  }

  @Test
  void shouldCatchUpInBoundedStepsAcrossRecordsAndPunctuations() {
    driver.close();
    start(SMALL_STEP);
    for (int i = 0; i < 10; i++) {
      publish(events, "k" + i, "agent.started", "e" + i);
    }
    store(earliest("history", "agent.*"));

    publish(events, "k10", "agent.started", "e10");
    assertThat(values("history")).containsExactly("e0", "e1", "e2");

    publish(events, "k11", "agent.started", "e11");
    driver.advanceWallClockTime(PUNCTUATION);
    driver.advanceWallClockTime(PUNCTUATION);
    driver.advanceWallClockTime(PUNCTUATION);
    publish(events, "k12", "agent.started", "e12");

    assertThat(values("history"))
        .containsExactly("e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11", "e12");
    assertThat(reader.batchSizes()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
    assertThat(metrics.caughtUpCount()).isEqualTo(12);
  }

  @Test
  void shouldKeepLiveSubscriptionsRoutingWhileAnotherCatchesUp() {
    driver.close();
    start(SMALL_STEP);
    store(latest("live", fromNow(), "agent.*"));
    for (int i = 0; i < 6; i++) {
      publish(events, "k" + i, "agent.started", "e" + i);
    }
    store(earliest("history", "agent.*"));

    publish(events, "k6", "agent.started", "e6");

    assertThat(values("live")).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6");
    assertThat(values("history")).containsExactly("e0", "e1", "e2");
  }

  @Test
  void shouldRouteOldSubscriptionRecordsFromWhenFirstSeen() {
    publish(events, "k0", "agent.started", "before");
    subscriptions.pipeInput(
        "old",
        utf8(
            "{\"id\":\"old\",\"name\":\"legacy\",\"patterns\":[\"agent.*\"],\"start\":\"latest\","
                + "\"created_at\":\"2025-07-25T10:29:00Z\"}"));

    publish(events, "k1", "agent.started", "after");
    driver.advanceWallClockTime(PUNCTUATION);

    assertThat(values("old")).containsExactly("after");
    assertThat(reader.batchSizes()).isEmpty();
  }

  @Test
  void shouldCloseTheCatchUpReaderWithTheTask() {
    publish(events, "k0", "agent.started", "e0");
    store(earliest("history", "agent.*"));
    driver.advanceWallClockTime(PUNCTUATION);

    driver.close();
    driver = null;

    assertThat(reader.isClosed()).isTrue();
  }

  private TestInputTopic<byte[], byte[]> input(String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private void publishAt(
      TestInputTopic<byte[], byte[]> topic, String eventType, String value, Instant timestamp) {
    publish(topic, "k", eventType, value, timestamp);
  }

  /** Pipes an event to the driver and to the catch-up reader's log at the same offset. */
  private void publish(
      TestInputTopic<byte[], byte[]> topic,
      String key,
      String eventType,
      String value,
      Header... extra) {
    publish(topic, key, eventType, value, NOW, extra);
  }

  private void publish(
      TestInputTopic<byte[], byte[]> topic,
      String key,
      String eventType,
      String value,
      Instant timestamp,
      Header... extra) {
    String topicName = topic == events ? EVENTS : PAYMENTS;
    Headers headers = new RecordHeaders();
    if (eventType != null) {
      headers.add(PlatformTopics.EVENT_TYPE_HEADER, utf8(eventType));
    }
    Arrays.stream(extra).forEach(headers::add);
    TopicPartition partition = new TopicPartition(topicName, 0);
    reader.append(
        partition,
        new ConsumerRecord<>(
            topicName,
            0,
            reader.endOffset(partition),
            timestamp.toEpochMilli(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            utf8(key),
            utf8(value),
            new RecordHeaders(headers.toArray()),
            Optional.empty()));
    topic.pipeInput(new TestRecord<>(utf8(key), utf8(value), headers, timestamp));
  }

  /** The start offsets a gateway would read now: the end of every event partition. */
  private Map<String, Long> fromNow() {
    return Map.of(
        Subscription.partitionKey(EVENTS, 0), reader.endOffset(new TopicPartition(EVENTS, 0)),
        Subscription.partitionKey(PAYMENTS, 0), reader.endOffset(new TopicPartition(PAYMENTS, 0)));
  }

  private static Subscription latest(
      String id, Map<String, Long> startOffsets, String... patterns) {
    return new Subscription(id, id, List.of(patterns), StartPosition.LATEST, startOffsets, CREATED);
  }

  private static Subscription earliest(String id, String... patterns) {
    return new Subscription(id, id, List.of(patterns), StartPosition.EARLIEST, Map.of(), CREATED);
  }

  private void store(Subscription subscription) {
    subscriptions.pipeInput(subscription.id(), SubscriptionCodec.encode(subscription));
  }

  private void delete(String id) {
    subscriptions.pipeInput(id, null);
  }

  private org.apache.kafka.streams.TestOutputTopic<byte[], byte[]> output(String id) {
    return driver.createOutputTopic(
        PlatformTopics.subscriptionTopic(id),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** The values written to the subscription's topic since the last read, in order. */
  private List<String> values(String id) {
    return output(id).readRecordsToList().stream().map(r -> text(r.value())).toList();
  }

  private static List<String> valuesOf(List<TestRecord<byte[], byte[]>> records, String prefix) {
    return records.stream().map(r -> text(r.value())).filter(v -> v.startsWith(prefix)).toList();
  }

  private static Header expiresAt(Instant instant) {
    return new RecordHeader(
        PlatformTopics.EXPIRES_AT_HEADER,
        ByteBuffer.allocate(Long.BYTES).putLong(instant.toEpochMilli()).array());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
