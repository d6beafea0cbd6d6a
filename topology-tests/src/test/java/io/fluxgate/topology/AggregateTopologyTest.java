package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.topology.AggregateTopology;
import io.fluxgate.processor.topology.TopologyCounters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Aggregates by spec on the TopologyTestDriver: every window type, aggregation and emit mode. */
class AggregateTopologyTest {
  private final TopologyFixture fixture = new TopologyFixture();
  private final TopologyCounters counters = new TopologyCounters();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void deploy(String yaml) {
    AggregateSpec spec =
        (AggregateSpec) TopologySpecParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    fixture.start(
        AggregateTopology.buildTopology(
            spec, List.of(TopologyFixture.EVENTS), fixture.codec, fixture.output, counters));
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private void request(int second, String component, Object latency) {
    fixture.publish(
        "request.completed",
        at(second),
        "\"source\": {\"component\": \""
            + component
            + "\"}, \"data\": {\"latency_ms\": "
            + latency
            + "}");
  }

  @Test
  void shouldPublishEachTumblingWindowOncePerGroupWhenItCloses() {
    deploy(
        """
        {name: latency, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: tumbling, size: 1m, grace: 10s},
         aggregations: [{op: count}, {op: sum, path: data.latency_ms}, {op: avg, path: data.latency_ms},
                        {op: min, path: data.latency_ms}, {op: max, path: data.latency_ms}],
         output_event_type: metrics.latency}
        """);
    request(5, "api", 10);
    request(20, "api", 30);
    request(30, "db", 7.5);
    request(61, "api", 100); // next window
    assertThat(fixture.results()).as("nothing before the window closes").isEmpty();

    request(70, "api", 1); // stream time 70s = end 60s + grace 10s: the first window closes

    List<JsonNode> results = fixture.results();
    assertThat(results).hasSize(2);
    JsonNode api = byGroup(results, "api");
    assertThat(api.get("event_type").asText()).isEqualTo("metrics.latency");
    assertThat(api.get("timestamp").asText()).isEqualTo(at(60).toString());
    assertThat(api.get("source").get("instance_id").asText()).isEqualTo("latency");
    JsonNode data = api.get("data");
    assertThat(data.get("window_start").asText()).isEqualTo(at(0).toString());
    assertThat(data.get("window_end").asText()).isEqualTo(at(60).toString());
    assertThat(data.get("count").asLong()).isEqualTo(2);
    assertThat(data.get("sum_latency_ms").asDouble()).isEqualTo(40.0);
    assertThat(data.get("avg_latency_ms").asDouble()).isEqualTo(20.0);
    assertThat(data.get("min_latency_ms").asDouble()).isEqualTo(10.0);
    assertThat(data.get("max_latency_ms").asDouble()).isEqualTo(30.0);
    assertThat(byGroup(results, "db").get("data").get("avg_latency_ms").asDouble()).isEqualTo(7.5);
    assertThat(counters.publishedCount()).isEqualTo(2);
  }

  @Test
  void shouldCountAnOutOfOrderEventWithinGraceInItsOwnWindowAndDropALateOne() {
    deploy(
        """
        {name: errors, kind: aggregate, input: "**.error",
         window: {type: tumbling, size: 1m, grace: 10s},
         aggregations: [{op: count}], output_event_type: metrics.errors}
        """);
    fixture.publish("db.error", at(10), "");
    fixture.publish("db.error", at(65), "");
    fixture.publish("db.error", at(50), ""); // out of order, stream time 65s < 60s + 10s: counted
    fixture.publish("db.error", at(71), ""); // closes [0s, 60s)
    fixture.publish("db.error", at(30), ""); // past the grace: dropped

    List<JsonNode> results = fixture.results();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("data").get("count").asLong()).isEqualTo(2);
    assertThat(fixture.droppedRecords()).isEqualTo(1.0);
  }

  @Test
  void shouldPublishEveryChangeWithEmitUpdates() {
    deploy(
        """
        {name: live, kind: aggregate, input: "request.*", emit: updates,
         window: {type: tumbling, size: 1m}, aggregations: [{op: max, path: data.latency_ms}],
         output_event_type: metrics.live}
        """);
    request(1, "api", 5);
    request(2, "api", 3);
    request(3, "api", 9);

    assertThat(fixture.results())
        .extracting(r -> r.get("data").get("max_latency_ms").asDouble())
        .containsExactly(5.0, 5.0, 9.0);
  }

  @Test
  void shouldCountAnEventInEveryHoppingWindowThatHoldsIt() {
    deploy(
        """
        {name: hop, kind: aggregate, input: "request.*",
         window: {type: hopping, size: 2m, advance: 1m},
         aggregations: [{op: count}], output_event_type: metrics.hop}
        """);
    request(90, "api", 1); // in [0s, 120s) and [60s, 180s)
    request(100, "api", 1);
    request(130, "api", 1); // in [60s, 180s) and [120s, 240s)
    request(300, "api", 1); // closes the first three windows

    assertThat(fixture.results())
        .extracting(
            r -> r.get("data").get("window_start").asText() + "=" + r.get("data").get("count"))
        .containsExactly(at(0) + "=2", at(60) + "=3", at(120) + "=1");
  }

  @Test
  void shouldMergeEventsOfOneSessionAndSeparateSessionsByTheirGap() {
    deploy(
        """
        {name: sessions, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: session, size: 30s}, aggregations: [{op: count}, {op: sum, path: data.latency_ms}],
         output_event_type: metrics.sessions}
        """);
    request(0, "api", 1);
    request(20, "api", 2);
    request(45, "api", 4); // within 30s of the last: same session
    request(100, "api", 8); // a new session; closes the first (45s + 30s gap)
    request(200, "api", 16); // closes the second

    List<JsonNode> results = fixture.results();
    assertThat(results)
        .extracting(r -> r.get("data").get("count").asLong())
        .containsExactly(3L, 1L);
    JsonNode first = results.get(0).get("data");
    assertThat(first.get("window_start").asText()).isEqualTo(at(0).toString());
    assertThat(first.get("window_end").asText()).isEqualTo(at(45).toString());
    assertThat(first.get("sum_latency_ms").asDouble()).isEqualTo(7.0);
  }

  @Test
  void shouldEstimateQuantilesWithinTheSketchErrorBound() {
    deploy(
        """
        {name: q, kind: aggregate, input: "request.*",
         window: {type: tumbling, size: 1h},
         aggregations: [{op: p50, path: data.latency_ms}, {op: p95, path: data.latency_ms},
                        {op: p99, path: data.latency_ms}],
         output_event_type: metrics.q}
        """);
    // 1..5000 in a shuffled order: the exact quantiles are 2500, 4750 and 4950.
    List<Integer> values = new java.util.ArrayList<>();
    for (int i = 1; i <= 5000; i++) {
      values.add(i);
    }
    java.util.Collections.shuffle(values, new java.util.Random(7));
    for (int i = 0; i < values.size(); i++) {
      request(i % 3000, "api", values.get(i));
    }
    request(7200, "api", 0);

    JsonNode data = fixture.results().get(0).get("data");
    // KLL k=200: normalized rank error below 1.33% (99% confidence) = 67 ranks of 5000.
    assertThat(data.get("p50_latency_ms").asDouble()).isBetween(2500.0 - 67, 2500.0 + 67);
    assertThat(data.get("p95_latency_ms").asDouble()).isBetween(4750.0 - 67, 4750.0 + 67);
    assertThat(data.get("p99_latency_ms").asDouble()).isBetween(4950.0 - 67, 4950.0 + 67);
  }

  @Test
  void shouldReadOnlyMatchingEventsAndGiveNullForAPathWithoutNumbers() {
    deploy(
        """
        {name: f, kind: aggregate, input: "request.*", filter: "source.component == 'api'",
         window: {type: tumbling, size: 1m}, aggregations: [{op: count}, {op: avg, path: data.latency_ms}],
         output_event_type: metrics.f}
        """);
    request(1, "api", "\"slow\"");
    request(2, "db", 5);
    fixture.publish("other.thing", at(3), "\"source\": {\"component\": \"api\"}");
    fixture.publishGarbage("request.completed");
    request(120, "api", 1);

    List<JsonNode> results = fixture.results();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).get("data").get("count").asLong()).isEqualTo(1);
    assertThat(results.get(0).get("data").get("avg_latency_ms").isNull()).isTrue();
    assertThat(counters.selectedCount()).isEqualTo(2);
    assertThat(counters.undecodableCount()).isEqualTo(1);
  }

  @Test
  void shouldGiveAFinalResultTheSameIdWhenItIsComputedAgain() {
    String spec =
        """
        {name: ids, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: tumbling, size: 1m}, aggregations: [{op: count}], output_event_type: metrics.ids}
        """;
    deploy(spec);
    request(1, "api", 1);
    request(61, "api", 1);
    String first = fixture.results().get(0).get("id").asText();
    fixture.close();

    TopologyFixture again = new TopologyFixture();
    try {
      again.start(
          AggregateTopology.buildTopology(
              (AggregateSpec) TopologySpecParser.parse(spec.getBytes(StandardCharsets.UTF_8), true),
              List.of(TopologyFixture.EVENTS),
              again.codec,
              again.output,
              new TopologyCounters()));
      again.publish("request.completed", at(2), "\"source\": {\"component\": \"api\"}");
      again.publish("request.completed", at(62), "\"source\": {\"component\": \"api\"}");

      assertThat(again.results().get(0).get("id").asText()).isEqualTo(first);
    } finally {
      again.close();
    }
  }

  private static JsonNode byGroup(List<JsonNode> results, String component) {
    return results.stream()
        .filter(r -> r.get("data").get("group").get("source.component").asText().equals(component))
        .findFirst()
        .orElseThrow();
  }
}
