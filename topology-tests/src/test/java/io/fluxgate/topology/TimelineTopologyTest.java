package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.processor.fanout.CatchUpConfig;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.processor.fanout.FanOutTopology;
import io.fluxgate.processor.fanout.SubscriptionRoutes;
import io.fluxgate.processor.topology.TimelineReader;
import io.fluxgate.processor.topology.TimelineTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Correlation timelines on the TopologyTestDriver, as they run: the fan-out (one driver) feeds
 * {@link PlatformTopics#CORRELATED}, whose records are piped into the timelines application (a
 * second driver). What is fed, what is kept, in which order, for how long.
 */
class TimelineTopologyTest {
  private static final Duration RETENTION = Duration.ofHours(1);
  private final TopologyFixture fixture = new TopologyFixture();
  private TestOutputTopic<String, byte[]> fed;
  private TopologyTestDriver timelines;
  private TestInputTopic<String, byte[]> feed;
  private WindowStore<String, byte[]> store;

  @BeforeEach
  void start() {
    InMemoryCatchUpReader reader = new InMemoryCatchUpReader();
    CatchUpConfig catchUp =
        new CatchUpConfig(
            (appConfigs, clientId) -> reader,
            CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);
    fixture.start(
        FanOutTopology.buildTopology(
            List.of(TopologyFixture.EVENTS),
            new SubscriptionRoutes(),
            new FanOutMetrics(),
            catchUp,
            fixture.codec));
    fed =
        fixture.driver.createOutputTopic(
            PlatformTopics.CORRELATED, new StringDeserializer(), new ByteArrayDeserializer());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "timelines-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    timelines = new TopologyTestDriver(TimelineTopology.buildTopology(RETENTION), props, T0);
    feed =
        timelines.createInputTopic(
            PlatformTopics.CORRELATED, new StringSerializer(), new ByteArraySerializer());
    store = timelines.getWindowStore(TimelineTopology.STORE);
  }

  @AfterEach
  void close() {
    if (timelines != null) {
      timelines.close();
    }
    fixture.close();
  }

  /** The timelines' store, once they have read what the fan-out fed since the last call. */
  private WindowStore<String, byte[]> store() {
    feed.pipeRecordList(fed.readRecordsToList());
    return store;
  }

  /**
   * An event named {@code name} (its id is derived from the name, so equal names are equal ids).
   */
  private void publish(String name, String correlationId, Instant at) {
    fixture.publish(
        "request.step",
        at,
        "\"id\": \""
            + id(name)
            + "\", \"source\": {\"correlation_id\": \""
            + correlationId
            + "\"}, \"data\": {\"name\": \""
            + name
            + "\"}");
  }

  private static UUID id(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  private List<String> timeline(String correlationId, Instant now) {
    return TimelineReader.read(store(), correlationId, now).stream()
        .map(e -> e.get("data").get("name").asText())
        .toList();
  }

  @Test
  void shouldFeedOnlyCorrelatedEventsKeyedByCorrelationIdAtEventTimeAsJson() throws Exception {
    publish("kept", "req-1", T0.plusSeconds(5));
    fixture.publish(
        "request.step",
        T0,
        "\"source\": {\"correlation_id\": \"req-9\"}, \"data\": {\"name\": \"bare\"}",
        false);
    fixture.publish("request.step", T0, "\"source\": {\"component\": \"api\"}");

    List<TestRecord<String, byte[]>> records = fed.readRecordsToList();

    assertThat(records).hasSize(1);
    TestRecord<String, byte[]> record = records.get(0);
    assertThat(record.key()).isEqualTo("req-1");
    // The fixture stamps the Kafka record an hour after the event: the feed carries event time.
    assertThat(record.getRecordTime()).isEqualTo(T0.plusSeconds(5));
    JsonNode event = EventJson.mapper().readTree(record.value());
    assertThat(event.get("id").asText()).isEqualTo(id("kept").toString());
    assertThat(event.get("data").get("name").asText()).isEqualTo("kept");
  }

  @Test
  void shouldKeepWhatItReadsFromTheFeedAtTheRecordsTime() {
    byte[] value = "{\"any\": \"json\"}".getBytes(StandardCharsets.UTF_8);
    feed.pipeInput("req-7", value, T0.plusSeconds(3));

    try (WindowStoreIterator<byte[]> kept =
        store.fetch("req-7", T0.plusSeconds(3), T0.plusSeconds(3))) {
      assertThat(kept.hasNext()).isTrue();
      assertThat(kept.next().value).isEqualTo(value);
      assertThat(kept.hasNext()).isFalse();
    }
    try (WindowStoreIterator<byte[]> earlier = store.fetch("req-7", T0, T0.plusSeconds(2))) {
      assertThat(earlier.hasNext()).isFalse();
    }
  }

  @Test
  void shouldKeepACorrelationsEventsInEventTimeOrderWhateverTheirArrivalOrder() {
    publish("third", "req-1", T0.plusSeconds(20));
    publish("first", "req-1", T0.plusSeconds(5));
    publish("other", "req-2", T0.plusSeconds(6));
    publish("second", "req-1", T0.plusSeconds(10));

    assertThat(timeline("req-1", T0)).containsExactly("first", "second", "third");
    assertThat(timeline("req-2", T0)).containsExactly("other");
    assertThat(timeline("req-3", T0)).isEmpty();
  }

  @Test
  void shouldKeepEventsAtTheSameInstantInArrivalOrder() {
    publish("a", "req-1", T0);
    publish("b", "req-1", T0);

    assertThat(timeline("req-1", T0)).containsExactly("a", "b");
  }

  @Test
  void shouldKeepEachEventAsTheLongPollRendersIt() {
    fixture.publish(
        "request.started",
        T0,
        "\"source\": {\"component\": \"api\", \"correlation_id\": \"req-1\"},"
            + " \"data\": {\"path\": \"/x\"}");

    List<ObjectNode> events = TimelineReader.read(store(), "req-1", T0);

    assertThat(events).hasSize(1);
    ObjectNode event = events.get(0);
    assertThat(event.get("event_type").asText()).isEqualTo("request.started");
    assertThat(event.get("timestamp").asText()).isEqualTo(T0.toString());
    assertThat(event.get("source").get("component").asText()).isEqualTo("api");
    assertThat(event.get("data").get("path").asText()).isEqualTo("/x");
  }

  @Test
  void shouldKeepOnlyRecordsWithTheCorrelationHeaderTheGatewaySets() {
    fixture.publish(
        "request.step",
        T0,
        "\"source\": {\"correlation_id\": \"req-9\"}, \"data\": {\"name\": \"bare\"}",
        false);
    publish("kept", "req-1", T0);

    try (KeyValueIterator<Windowed<String>, byte[]> all = store().all()) {
      assertThat(keys(all)).containsExactly("req-1");
    }
  }

  @Test
  void shouldSkipEventsWithoutACorrelationIdAndValuesThatAreNoEvents() {
    fixture.publish("request.step", T0, "\"source\": {\"component\": \"api\"}");
    fixture.publishGarbage("request.step");
    publish("kept", "req-1", T0);

    try (KeyValueIterator<Windowed<String>, byte[]> all = store().all()) {
      List<String> keys = all.hasNext() ? keys(all) : List.of();
      assertThat(keys).containsExactly("req-1");
    }
  }

  @Test
  void shouldDropEventsOnceTheyArePastTheRetention() {
    publish("old", "req-1", T0);
    publish("recent", "req-1", T0.plus(Duration.ofMinutes(50)));
    publish("later", "req-2", T0.plus(Duration.ofHours(3)));

    assertThat(timeline("req-1", T0)).isEmpty();
    assertThat(timeline("req-2", T0)).containsExactly("later");
  }

  @Test
  void shouldShowAnEventStoredTwiceOnce() {
    publish("same", "req-1", T0);
    publish("same", "req-1", T0);

    assertThat(timeline("req-1", T0)).containsExactly("same");
  }

  @Test
  void shouldNotShowEventsPastTheirTtl() {
    fixture.publish(
        "request.step",
        T0,
        "\"ttl_seconds\": 60, \"source\": {\"correlation_id\": \"req-1\"},"
            + " \"data\": {\"name\": \"short\"}");
    publish("long", "req-1", T0.plusSeconds(1));

    assertThat(timeline("req-1", T0.plusSeconds(30))).containsExactly("short", "long");
    assertThat(timeline("req-1", T0.plusSeconds(61))).containsExactly("long");
  }

  private static List<String> keys(KeyValueIterator<Windowed<String>, byte[]> it) {
    java.util.ArrayList<String> keys = new java.util.ArrayList<>();
    while (it.hasNext()) {
      KeyValue<Windowed<String>, byte[]> entry = it.next();
      keys.add(entry.key.key());
    }
    return keys;
  }
}
