package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.processor.topology.TimelineReader;
import io.fluxgate.processor.topology.TimelineTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Correlation timelines on the TopologyTestDriver: what is kept, in which order, for how long. */
class TimelineTopologyTest {
  private static final Duration RETENTION = Duration.ofHours(1);
  private final TopologyFixture fixture = new TopologyFixture();
  private WindowStore<String, byte[]> store;

  @BeforeEach
  void start() {
    fixture.start(
        TimelineTopology.buildTopology(
            List.of(TopologyFixture.EVENTS), fixture.codec, fixture.eventJson, RETENTION));
    store = fixture.driver.getWindowStore(TimelineTopology.STORE);
  }

  @AfterEach
  void close() {
    fixture.close();
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
    return TimelineReader.read(store, correlationId, now).stream()
        .map(e -> e.get("data").get("name").asText())
        .toList();
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

    List<ObjectNode> events = TimelineReader.read(store, "req-1", T0);

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

    try (KeyValueIterator<Windowed<String>, byte[]> all = store.all()) {
      assertThat(keys(all)).containsExactly("req-1");
    }
  }

  @Test
  void shouldSkipEventsWithoutACorrelationIdAndValuesThatAreNoEvents() {
    fixture.publish("request.step", T0, "\"source\": {\"component\": \"api\"}");
    fixture.publishGarbage("request.step");
    publish("kept", "req-1", T0);

    try (KeyValueIterator<Windowed<String>, byte[]> all = store.all()) {
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
