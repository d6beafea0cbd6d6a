package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.processor.fanout.CatchUpConfig;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.processor.fanout.FanOutTopology;
import io.fluxgate.processor.fanout.SubscriptionRoutes;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
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
 * The fan-out with subscription filters: events are real Confluent-framed envelopes, decoded with
 * writer schemas from an in-memory registry only when a matched subscription has a filter.
 */
class FanOutFilterTopologyTest {

  private static final String EVENTS = "events";
  private static final Instant NOW = Instant.parse("2025-07-25T10:30:00Z");
  private static final Instant CREATED = NOW.minusSeconds(60);
  private static final EventJson JSON =
      new EventJson(EventLimits.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

  private SchemaRegistryService registry;
  private EventCodec codec;
  private final AtomicInteger decodes = new AtomicInteger();
  private int envelopeId;
  private InMemoryCatchUpReader reader;
  private FanOutMetrics metrics;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> events;
  private TestInputTopic<String, byte[]> subscriptions;

  @BeforeEach
  void start() {
    registry = new SchemaRegistryService(new InMemoryRegistryLog());
    registry.start();
    envelopeId =
        registry.register(
            "fluxgate:envelope", SchemaRequest.avro(EnvelopeSchemas.generic().toString()));
    codec =
        new EventCodec(
            id -> {
              decodes.incrementAndGet();
              return registry.writerSchema(id);
            });
    reader = new InMemoryCatchUpReader();
    metrics = new FanOutMetrics();
    CatchUpConfig catchUp =
        new CatchUpConfig(
            (appConfigs, clientId) -> reader,
            CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-filter-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            FanOutTopology.buildTopology(
                List.of(EVENTS), new SubscriptionRoutes(), metrics, catchUp, codec),
            props,
            NOW);
    events = driver.createInputTopic(EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    subscriptions =
        driver.createInputTopic(
            PlatformTopics.SUBSCRIPTIONS, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    registry.stop();
  }

  @Test
  void shouldRouteOnlyMatchingEventsToTheFilteredSubscriptionAndAllToTheOther() {
    store(subscription("big", "data.amount >= 100 && metadata.env == 'prod'", "order.*"));
    store(subscription("all", null, "order.*"));

    publish("o1", "order.created", "{\"amount\": 150}", "prod");
    publish("o2", "order.created", "{\"amount\": 99.5}", "prod");
    publish("o3", "order.paid", "{\"amount\": 100}", "dev");
    publish("o4", "order.paid", "{\"amount\": 250.25}", "prod");
    publish("o5", "order.paid", "{\"note\": \"no amount\"}", "prod");
    publish("o6", "order.paid", "{\"amount\": \"lots\"}", "prod");

    assertThat(keys("big")).containsExactly("o1", "o4");
    assertThat(keys("all")).containsExactly("o1", "o2", "o3", "o4", "o5", "o6");
    assertThat(metrics.filterCount(FilterOutcome.MATCHED)).isEqualTo(2);
    assertThat(metrics.filterCount(FilterOutcome.NOT_MATCHED)).isEqualTo(2);
    assertThat(metrics.filterCount(FilterOutcome.MISSING_FIELD)).isEqualTo(1);
    assertThat(metrics.filterCount(FilterOutcome.ERROR)).isEqualTo(1);
    assertThat(metrics.routedCount()).isEqualTo(8);
  }

  @Test
  void shouldDecodeEachEventOnceForAllItsFilteredSubscriptions() {
    store(subscription("a", "data.amount > 1", "order.*"));
    store(subscription("b", "data.amount > 100", "order.*"));
    store(subscription("c", "metadata.env == 'prod'", "order.*"));
    byte[] first = encode("order.created", "{\"amount\": 50}", "prod");
    byte[] second = encode("order.created", "{\"amount\": 500}", "dev");
    decodes.set(0);

    events.pipeInput(new TestRecord<>(utf8("k1"), first, headers("order.created"), NOW));
    events.pipeInput(new TestRecord<>(utf8("k2"), second, headers("order.created"), NOW));

    assertThat(decodes).hasValue(2);
    assertThat(keys("a")).containsExactly("k1", "k2");
    assertThat(keys("b")).containsExactly("k2");
    assertThat(keys("c")).containsExactly("k1");
  }

  @Test
  void shouldPassTheValueThroughUnchangedToAFilteredSubscription() {
    store(subscription("skus", "data.order.items.exists(i, i.sku.startsWith('A-'))", "order.*"));
    byte[] value = encode("order.created", "{\"order\": {\"items\": [{\"sku\": \"A-1\"}]}}", "x");

    events.pipeInput(new TestRecord<>(utf8("k"), value, headers("order.created"), NOW));

    TestRecord<byte[], byte[]> copy = output("skus").readRecord();
    assertThat(copy.value()).isEqualTo(value);
    assertThat(codec.decode(copy.value()).getEventType()).isEqualTo("order.created");
  }

  @Test
  void shouldNotDecodeEventsWhenNoMatchedSubscriptionHasAFilter() {
    store(subscription("orders", null, "order.*"));
    store(subscription("filtered-users", "data.age > 18", "user.*"));

    // Not an envelope at all: fine, since only the unfiltered subscription matches its type.
    events.pipeInput(
        new TestRecord<>(utf8("k"), utf8("opaque bytes"), headers("order.created"), NOW));

    assertThat(keys("orders")).containsExactly("k");
    assertThat(metrics.filterUndecodableCount()).isZero();
  }

  @Test
  void shouldCountAndSkipAnUndecodableValueForAFilteredSubscription() {
    store(subscription("filtered", "data.amount > 1", "order.*"));
    store(subscription("plain", null, "order.*"));

    events.pipeInput(
        new TestRecord<>(utf8("k"), utf8("opaque bytes"), headers("order.created"), NOW));

    assertThat(keys("filtered")).isEmpty();
    assertThat(keys("plain")).containsExactly("k");
    assertThat(metrics.filterUndecodableCount()).isEqualTo(1);
  }

  @Test
  void shouldApplyTheFilterToEventsACatchingUpSubscriptionReadsFromTheLog() {
    publish("old-1", "order.created", "{\"amount\": 500}", "prod");
    publish("old-2", "order.created", "{\"amount\": 5}", "prod");

    store(earliest("history", "data.amount > 100", "order.*"));
    driver.advanceWallClockTime(CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);
    publish("new-1", "order.created", "{\"amount\": 101}", "prod");
    publish("new-2", "order.created", "{\"amount\": 100}", "prod");

    assertThat(keys("history")).containsExactly("old-1", "new-1");
  }

  @Test
  void shouldFailLoudlyWhenBuiltWithoutARegistryAndASubscriptionHasAFilter() {
    driver.close();
    driver =
        new TopologyTestDriver(
            FanOutTopology.buildTopology(List.of(EVENTS), new SubscriptionRoutes(), metrics),
            streamsProps(),
            NOW);
    events = driver.createInputTopic(EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
    subscriptions =
        driver.createInputTopic(
            PlatformTopics.SUBSCRIPTIONS, new StringSerializer(), new ByteArraySerializer());
    store(subscription("filtered", "data.amount > 1", "order.*"));
    byte[] value = encode("order.created", "{\"amount\": 2}", "prod");

    assertThatThrownBy(
            () ->
                events.pipeInput(new TestRecord<>(utf8("k"), value, headers("order.created"), NOW)))
        .hasStackTraceContaining("without a schema registry");
  }

  private static Properties streamsProps() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-filter-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return props;
  }

  private static Subscription subscription(String id, String filter, String... patterns) {
    return new Subscription(
        id, id, List.of(patterns), StartPosition.LATEST, fromStart(), CREATED, filter, false);
  }

  private static Subscription earliest(String id, String filter, String... patterns) {
    return new Subscription(
        id, id, List.of(patterns), StartPosition.EARLIEST, Map.of(), CREATED, filter, false);
  }

  /** Start offsets at the beginning: these subscriptions exist before any event is published. */
  private static Map<String, Long> fromStart() {
    return Map.of(Subscription.partitionKey(EVENTS, 0), 0L);
  }

  private void store(Subscription subscription) {
    subscriptions.pipeInput(subscription.id(), SubscriptionCodec.encode(subscription));
  }

  private byte[] encode(String type, String data, String env) {
    String json =
        "{\"event_type\": \""
            + type
            + "\", \"metadata\": {\"env\": \""
            + env
            + "\"}, \"data\": "
            + data
            + "}";
    UniversalEvent event = JSON.parseEvent(utf8(json));
    return codec.encode(envelopeId, event);
  }

  /** Pipes an event to the driver and to the catch-up reader's log at the same offset. */
  private void publish(String key, String type, String data, String env) {
    byte[] value = encode(type, data, env);
    TopicPartition partition = new TopicPartition(EVENTS, 0);
    reader.append(
        partition,
        new ConsumerRecord<>(
            EVENTS,
            0,
            reader.endOffset(partition),
            NOW.toEpochMilli(),
            TimestampType.CREATE_TIME,
            -1,
            -1,
            utf8(key),
            value,
            headers(type),
            Optional.empty()));
    events.pipeInput(new TestRecord<>(utf8(key), value, headers(type), NOW));
  }

  private static Headers headers(String type) {
    Headers headers = new RecordHeaders();
    headers.add(PlatformTopics.EVENT_TYPE_HEADER, utf8(type));
    return headers;
  }

  private org.apache.kafka.streams.TestOutputTopic<byte[], byte[]> output(String id) {
    return driver.createOutputTopic(
        PlatformTopics.subscriptionTopic(id),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private List<String> keys(String id) {
    return output(id).readRecordsToList().stream()
        .map(r -> new String(r.key(), StandardCharsets.UTF_8))
        .toList();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
