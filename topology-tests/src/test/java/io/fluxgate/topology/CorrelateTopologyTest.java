package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.topology.CorrelateSpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.topology.CorrelateTopology;
import io.fluxgate.processor.topology.TopologyCounters;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Correlation joins by spec on the TopologyTestDriver: the three join modes and timeouts. */
class CorrelateTopologyTest {
  private final TopologyFixture fixture = new TopologyFixture();
  private final TopologyCounters counters = new TopologyCounters();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void deploy(String join) {
    String yaml =
        """
        {name: latency, kind: correlate, left: request.started, right: "request.{completed,failed}",
         within: 5m, grace: 30s, join: %s,
         output_event_type: metrics.request.latency, timeout_event_type: metrics.request.timeout,
         fields: {path: left.data.path, status: right.data.status, server: right.source.component}}
        """
            .formatted(join);
    CorrelateSpec spec =
        (CorrelateSpec) TopologySpecParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    fixture.start(
        CorrelateTopology.buildTopology(
            spec, List.of(TopologyFixture.EVENTS), fixture.codec, fixture.output, counters));
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private void started(String correlation, int second) {
    fixture.publish(
        "request.started",
        at(second),
        "\"source\": {\"component\": \"web\", \"correlation_id\": \""
            + correlation
            + "\"}, \"data\": {\"path\": \"/"
            + correlation
            + "\"}");
  }

  private void completed(String correlation, int second, int status) {
    fixture.publish(
        "request.completed",
        at(second),
        "\"source\": {\"component\": \"api\", \"correlation_id\": \""
            + correlation
            + "\"}, \"data\": {\"status\": "
            + status
            + "}");
  }

  /** A pair far later on another correlation: moves stream time past every earlier window. */
  private void later() {
    started("zz", 3600);
    completed("zz", 3601, 200);
  }

  @Test
  void shouldJoinBothSidesWithTheirDurationAndChosenFields() {
    deploy("inner");
    started("r1", 10);
    completed("r1", 12, 200);

    List<JsonNode> results = fixture.results();
    assertThat(results).hasSize(1);
    JsonNode event = results.get(0);
    assertThat(event.get("event_type").asText()).isEqualTo("metrics.request.latency");
    assertThat(event.get("timestamp").asText()).isEqualTo(at(12).toString());
    assertThat(event.get("source").get("correlation_id").asText()).isEqualTo("r1");
    JsonNode data = event.get("data");
    assertThat(data.get("correlation_id").asText()).isEqualTo("r1");
    assertThat(data.get("duration_ms").asLong()).isEqualTo(2000);
    assertThat(data.get("path").asText()).isEqualTo("/r1");
    assertThat(data.get("status").asLong()).isEqualTo(200);
    assertThat(data.get("server").asText()).isEqualTo("api");
  }

  @Test
  void shouldPublishATimeoutForALeftSideThatNeverMetItsRightOnlyAfterTheWindowAndGrace() {
    deploy("inner");
    started("r1", 10);
    completed("r1", 10 + 301, 200); // 5m1s later: outside the window
    started("r2", 20);
    completed("r2", 330, 200); // stream time 330s < 10s + 5m + 30s: no timeout yet
    assertThat(fixture.results()).as("nothing has timed out yet").isEmpty();

    later();

    List<JsonNode> results = fixture.results();
    assertThat(results)
        .extracting(
            r -> r.get("event_type").asText() + ":" + r.get("data").get("correlation_id").asText())
        .containsExactlyInAnyOrder(
            "metrics.request.timeout:r1",
            "metrics.request.timeout:r2",
            "metrics.request.latency:zz");
    JsonNode timeout =
        results.stream()
            .filter(r -> r.get("data").get("correlation_id").asText().equals("r1"))
            .findFirst()
            .orElseThrow();
    assertThat(timeout.get("data").get("duration_ms").isNull()).isTrue();
    assertThat(timeout.get("data").get("path").asText()).isEqualTo("/r1");
    assertThat(timeout.get("data").get("status").isNull()).isTrue();
    assertThat(timeout.get("timestamp").asText()).isEqualTo(at(310).toString());
  }

  @Test
  void shouldJoinARightSideThatArrivesOutOfOrderWithinTheGrace() {
    deploy("inner");
    started("r1", 10);
    started("r2", 300); // stream time 300s
    completed("r1", 290, 201); // arrives after r2 started, but within r1's window

    assertThat(fixture.results())
        .extracting(r -> r.get("data").get("status").asLong())
        .containsExactly(201L);
  }

  @Test
  void shouldAlsoPublishAnUnmatchedLeftSideAsAnOutputWithALeftJoin() {
    deploy("left");
    started("r1", 10);
    completed("r2", 20, 500); // a right side without a left side: nothing for a left join
    later();

    assertThat(fixture.results())
        .extracting(
            r -> r.get("event_type").asText() + ":" + r.get("data").get("correlation_id").asText())
        .containsExactlyInAnyOrder(
            "metrics.request.timeout:r1",
            "metrics.request.latency:r1",
            "metrics.request.latency:zz");
  }

  @Test
  void shouldAlsoPublishAnUnmatchedRightSideWithAnOuterJoin() {
    deploy("outer");
    completed("r2", 20, 500);
    later();

    JsonNode unmatched =
        fixture.results().stream()
            .filter(r -> r.get("data").get("correlation_id").asText().equals("r2"))
            .findFirst()
            .orElseThrow();
    assertThat(unmatched.get("event_type").asText()).isEqualTo("metrics.request.latency");
    assertThat(unmatched.get("data").get("path").isNull()).isTrue();
    assertThat(unmatched.get("data").get("status").asLong()).isEqualTo(500);
  }

  @Test
  void shouldSkipEventsWithoutACorrelationIdAndOfOtherTypes() {
    deploy("inner");
    fixture.publish("request.started", at(1), "\"data\": {\"path\": \"/x\"}");
    fixture.publish("request.retried", at(2), "\"source\": {\"correlation_id\": \"r1\"}");
    fixture.publishGarbage("request.started");
    later();

    assertThat(fixture.results())
        .extracting(r -> r.get("data").get("correlation_id").asText())
        .containsExactly("zz");
    assertThat(counters.undecodableCount()).isEqualTo(1);
    assertThat(counters.selectedCount()).isEqualTo(2);
  }
}
