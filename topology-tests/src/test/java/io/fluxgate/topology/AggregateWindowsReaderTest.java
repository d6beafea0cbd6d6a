package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.topology.AggregateTopology;
import io.fluxgate.processor.topology.AggregateWindowsReader;
import io.fluxgate.processor.topology.TopologyCounters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reading an aggregate's windows from its state store, as the results API does: the windows of one
 * group or all, starting in [from, to), rendered as result data and ordered by start, then group.
 */
class AggregateWindowsReaderTest {
  private static final Instant FAR = T0.plus(Duration.ofDays(1));
  private final TopologyFixture fixture = new TopologyFixture();
  private AggregateSpec spec;

  @AfterEach
  void close() {
    fixture.close();
  }

  private void deploy(String yaml) {
    spec = (AggregateSpec) TopologySpecParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
    fixture.start(
        AggregateTopology.buildTopology(
            spec,
            List.of(TopologyFixture.EVENTS),
            fixture.codec,
            fixture.output,
            new TopologyCounters()));
  }

  private void request(int second, String component, int latency) {
    fixture.publish(
        "request.completed",
        T0.plusSeconds(second),
        "\"source\": {\"component\": \""
            + component
            + "\"}, \"data\": {\"latency_ms\": "
            + latency
            + "}");
  }

  private List<ObjectNode> windows(Optional<List<String>> keys, Instant from, Instant to) {
    WindowStore<String, Object> store = fixture.driver.getWindowStore(AggregateTopology.STORE);
    return AggregateWindowsReader.fromWindowStore(spec, store, keys, from, to);
  }

  private static List<String> startsAndGroups(List<ObjectNode> windows) {
    return windows.stream()
        .map(w -> w.get("window_start").asText() + " " + w.get("group").get("source.component"))
        .toList();
  }

  @Test
  void shouldReadEveryGroupsTumblingWindowsOrderedByStartThenGroup() {
    deploy(
        """
        {name: latency, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: tumbling, size: 1m, grace: 10s},
         aggregations: [{op: count}, {op: max, path: data.latency_ms}],
         output_event_type: metrics.latency}
        """);
    request(30, "api", 50);
    request(5, "web", 10);
    request(20, "api", 30);
    request(61, "db", 3);

    List<ObjectNode> windows = windows(Optional.empty(), T0, FAR);

    assertThat(startsAndGroups(windows))
        .containsExactly(T0 + " \"api\"", T0 + " \"web\"", T0.plusSeconds(60) + " \"db\"");
    ObjectNode api = windows.get(0);
    assertThat(api.get("window_end").asText()).isEqualTo(T0.plusSeconds(60).toString());
    assertThat(api.get("count").asLong()).isEqualTo(2);
    assertThat(api.get("max_latency_ms").asDouble()).isEqualTo(50.0);
  }

  @Test
  void shouldReadOneGroupAndOnlyWindowsStartingInTheRange() {
    deploy(
        """
        {name: latency, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: tumbling, size: 1m}, aggregations: [{op: count}],
         output_event_type: metrics.latency}
        """);
    request(5, "api", 1);
    request(65, "api", 1);
    request(125, "api", 1);
    request(66, "web", 1);

    List<ObjectNode> windows =
        windows(Optional.of(List.of("[\"api\"]")), T0.plusSeconds(60), T0.plusSeconds(120));

    assertThat(startsAndGroups(windows)).containsExactly(T0.plusSeconds(60) + " \"api\"");
    assertThat(windows(Optional.of(List.of("[\"api\"]")), T0.plusSeconds(60), T0.plusSeconds(60)))
        .as("an empty range")
        .isEmpty();
    assertThat(windows(Optional.of(List.of("[\"nobody\"]")), T0, FAR)).isEmpty();
  }

  @Test
  void shouldReadOverlappingHoppingWindowsWithTheirBounds() {
    deploy(
        """
        {name: hops, kind: aggregate, input: "request.*",
         window: {type: hopping, size: 1m, advance: 30s}, aggregations: [{op: count}],
         output_event_type: metrics.hops}
        """);
    request(40, "api", 1);

    List<ObjectNode> windows = windows(Optional.empty(), Instant.EPOCH, FAR);

    assertThat(windows)
        .extracting(w -> w.get("window_start").asText() + "/" + w.get("window_end").asText())
        .containsExactly(
            T0 + "/" + T0.plusSeconds(60), T0.plusSeconds(30) + "/" + T0.plusSeconds(90));
    assertThat(windows(Optional.empty(), Instant.parse("1969-12-31T00:00:00Z"), FAR))
        .as("a range from before 1970")
        .hasSize(2);
  }

  @Test
  void shouldReadSessionsOfOneGroupOrAllStartingInTheRange() {
    deploy(
        """
        {name: visits, kind: aggregate, input: "request.*", group_by: [source.component],
         window: {type: session, size: 30s}, aggregations: [{op: count}],
         output_event_type: metrics.visits}
        """);
    request(0, "api", 1);
    request(10, "web", 1);
    request(20, "api", 1); // same session as 0s
    request(100, "api", 1); // a new session
    SessionStore<String, Object> store = fixture.driver.getSessionStore(AggregateTopology.STORE);

    List<ObjectNode> all =
        AggregateWindowsReader.fromSessionStore(spec, store, Optional.empty(), T0, FAR);
    List<ObjectNode> api =
        AggregateWindowsReader.fromSessionStore(
            spec, store, Optional.of(List.of("[\"api\"]")), T0.plusSeconds(1), FAR);

    assertThat(startsAndGroups(all))
        .containsExactly(
            T0 + " \"api\"", T0.plusSeconds(10) + " \"web\"", T0.plusSeconds(100) + " \"api\"");
    assertThat(all.get(0).get("window_end").asText()).isEqualTo(T0.plusSeconds(20).toString());
    assertThat(all.get(0).get("count").asLong()).isEqualTo(2);
    assertThat(startsAndGroups(api))
        .as("the session that started before from is left out")
        .containsExactly(T0.plusSeconds(100) + " \"api\"");
  }
}
