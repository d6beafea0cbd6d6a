package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.processor.fanout.CatchUpConfig;
import io.fluxgate.processor.fanout.DropNewestQueues;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.processor.fanout.FanOutTopology;
import io.fluxgate.processor.fanout.SubscriptionRoutes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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

/**
 * {@code drop_newest} in the fan-out, with queue sizes from a fake reader instead of Kafka: at the
 * bound a matching event is neither forwarded nor lost silently, and other subscriptions still get
 * it.
 */
class DropNewestTopologyTest {
  private static final String EVENTS = "events";
  private static final TopicPartition EVENTS_0 = new TopicPartition(EVENTS, 0);
  private static final Instant NOW = Instant.parse("2025-07-25T10:30:00Z");
  private static final Duration PUNCTUATION = CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL;

  private final Map<String, Long> queueSizes = new ConcurrentHashMap<>();
  private final Map<String, FlowCounts> counted = new ConcurrentHashMap<>();
  private final SubscriptionRoutes routes = new SubscriptionRoutes();
  private InMemoryCatchUpReader reader;
  private DropNewestQueues queues;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, byte[]> subscriptions;

  @BeforeEach
  void startDriver() {
    reader = new InMemoryCatchUpReader();
    queues =
        new DropNewestQueues(
            () -> routes.table().subscriptions().values(),
            subs -> Map.copyOf(queueSizes),
            (id, counts) -> counted.merge(id, counts, FlowCounts::plus),
            Duration.ofMillis(100));
    CatchUpConfig catchUp =
        new CatchUpConfig(
            (appConfigs, clientId) -> reader,
            CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            PUNCTUATION);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drop-newest-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            FanOutTopology.buildTopology(
                List.of(EVENTS),
                routes,
                new FanOutMetrics(),
                catchUp,
                new EventCodec(
                    id -> {
                      throw new IllegalStateException("no filters here");
                    }),
                queues),
            props,
            NOW);
    events = driver.createInputTopic(EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    subscriptions =
        driver.createInputTopic(
            PlatformTopics.SUBSCRIPTIONS, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldForwardBelowTheBoundAndDropAndCountAtIt() {
    store(subscription("bounded", Backpressure.DROP_NEWEST, 3));
    store(subscription("open", Backpressure.DROP_OLDEST, 3));
    queueSizes.put("bounded", 1L);
    queues.refresh();

    for (int i = 0; i < 5; i++) {
      publish("v" + i);
    }

    // 1 queued + 2 forwarded reaches the bound of 3: the newest three are dropped.
    assertThat(values("bounded")).containsExactly("v0", "v1");
    assertThat(counted).containsExactly(Map.entry("bounded", FlowCounts.droppedBeforeQueue(3)));
    assertThat(values("open")).containsExactly("v0", "v1", "v2", "v3", "v4");
    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(3);
  }

  @Test
  void shouldLetEventsThroughAgainOnceARefreshShowsRoom() {
    store(subscription("bounded", Backpressure.DROP_NEWEST, 2));
    queueSizes.put("bounded", 2L);
    queues.refresh();
    publish("full");

    queueSizes.put("bounded", 1L); // the subscriber consumed one
    queues.refresh();
    publish("fits");
    publish("full-again");

    assertThat(values("bounded")).containsExactly("fits");
    assertThat(counted.get("bounded")).isEqualTo(FlowCounts.droppedBeforeQueue(2));
  }

  @Test
  void shouldAddTheCopiesTheReadCouldNotSeeToTheSizeRead() {
    store(subscription("bounded", Backpressure.DROP_NEWEST, 4));
    queues.refresh();
    publish("a");
    publish("b");
    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(2);

    queues.refresh(); // "a" and "b" still linger in the producer: the read does not see them
    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(2);

    // The broker acknowledges both (DropNewestAcks on the real producer); the next read sees
    // them, and they are not counted twice.
    queues.settled(PlatformTopics.subscriptionTopic("bounded"));
    queues.settled(PlatformTopics.subscriptionTopic("bounded"));
    queueSizes.put("bounded", 2L);
    queues.refresh();
    publish("c");
    publish("d");
    publish("e");

    assertThat(values("bounded")).containsExactly("a", "b", "c", "d");
    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(4);
    assertThat(counted.get("bounded")).isEqualTo(FlowCounts.droppedBeforeQueue(1));
  }

  @Test
  void shouldBoundWhatTheCatchUpAddsToTheQueue() {
    for (int i = 0; i < 6; i++) {
      publish("h" + i); // before the subscriptions exist: routed to nobody
    }
    store(earliest("bounded", Backpressure.DROP_NEWEST, 4));
    store(earliest("open", Backpressure.BLOCK, 4));
    queues.refresh();

    driver.advanceWallClockTime(PUNCTUATION);

    assertThat(values("bounded")).containsExactly("h0", "h1", "h2", "h3");
    assertThat(counted).containsExactly(Map.entry("bounded", FlowCounts.droppedBeforeQueue(2)));
    assertThat(values("open")).containsExactly("h0", "h1", "h2", "h3", "h4", "h5");
  }

  @Test
  void shouldTreatAQueueItCouldNotReadAsEmpty() {
    store(subscription("bounded", Backpressure.DROP_NEWEST, 2));
    queues.refresh(); // the fake reader has no size for it, as when its topic is not there yet

    publish("a");
    publish("b");
    publish("c");

    assertThat(values("bounded")).containsExactly("a", "b");
    assertThat(counted.get("bounded")).isEqualTo(FlowCounts.droppedBeforeQueue(1));
  }

  private static Subscription subscription(String id, Backpressure policy, int max) {
    return new Subscription(
        id,
        id,
        List.of("agent.*"),
        StartPosition.LATEST,
        Map.of(Subscription.partitionKey(EVENTS, 0), 0L),
        NOW,
        null,
        false,
        policy,
        max,
        null);
  }

  private static Subscription earliest(String id, Backpressure policy, int max) {
    return new Subscription(
        id,
        id,
        List.of("agent.*"),
        StartPosition.EARLIEST,
        Map.of(),
        NOW,
        null,
        false,
        policy,
        max,
        null);
  }

  private void store(Subscription subscription) {
    subscriptions.pipeInput(subscription.id(), SubscriptionCodec.encode(subscription));
  }

  /** An event on events-0, also kept in the log the catch-up reads. */
  private void publish(String value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PlatformTopics.EVENT_TYPE_HEADER, utf8("agent.started"));
    reader.append(
        EVENTS_0,
        new ConsumerRecord<>(
            EVENTS,
            0,
            reader.endOffset(EVENTS_0),
            NOW.toEpochMilli(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            utf8("k"),
            utf8(value),
            new RecordHeaders(headers.toArray()),
            Optional.empty()));
    events.pipeInput(new TestRecord<>(utf8("k"), utf8(value), headers, NOW.toEpochMilli()));
  }

  private List<String> values(String id) {
    return driver
        .createOutputTopic(
            PlatformTopics.subscriptionTopic(id),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())
        .readRecordsToList()
        .stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
