package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.topology.TopologyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging what the processor instances report about one topology. */
class TopologyStatusBoardTest {
  private static final Instant NOW = Instant.parse("2025-07-25T10:00:00Z");

  private static TopologyStatus report(
      String state, long lag, long processed, String error, Instant at, String generation) {
    return new TopologyStatus(state, lag, processed, 1.5, 2, 1, 0, error, at, generation);
  }

  @Test
  void shouldBeDeployingWhileNoInstanceReports() {
    JsonNode status = TopologyStatusBoard.merge(List.of());

    assertThat(status.get("state").asText()).isEqualTo("deploying");
    assertThat(status.get("instances").asInt()).isZero();
    assertThat(status.get("processed").asLong()).isZero();
    assertThat(status.get("last_error").isNull()).isTrue();
  }

  @Test
  void shouldSumCountsTakeTheLargestLagTheWorstStateAndTheLatestError() {
    JsonNode status =
        TopologyStatusBoard.merge(
            List.of(
                report("running", 5, 10, "old", NOW.minusSeconds(2), "g"),
                report("rebalancing", 7, 20, "new", NOW, "g"),
                report("running", 1, 30, null, NOW.plusSeconds(1), "g")));

    assertThat(status.get("state").asText()).isEqualTo("rebalancing");
    assertThat(status.get("lag").asLong()).isEqualTo(7);
    assertThat(status.get("processed").asLong()).isEqualTo(60);
    assertThat(status.get("rate_per_second").asDouble()).isEqualTo(4.5);
    assertThat(status.get("published").asLong()).isEqualTo(6);
    assertThat(status.get("late_dropped").asLong()).isEqualTo(3);
    assertThat(status.get("undecodable").asLong()).isZero();
    assertThat(status.get("last_error").asText()).isEqualTo("new");
    assertThat(status.get("instances").asInt()).isEqualTo(3);
  }

  @Test
  void shouldBeFailedWhenAnyInstanceGaveUp() {
    JsonNode status =
        TopologyStatusBoard.merge(
            List.of(
                report("running", 0, 1, null, NOW, "g"), report("failed", 0, 1, "x", NOW, "g")));

    assertThat(status.get("state").asText()).isEqualTo("failed");
  }

  @Test
  void shouldLeaveOutStaleReportsOtherGenerationsAndOtherTopologies() {
    Map<String, TopologyStatus> reports =
        Map.of(
            "a/1", report("running", 0, 1, null, NOW, "g2"),
            "a/2", report("running", 0, 2, null, NOW.minusSeconds(30), "g2"),
            "a/3", report("running", 0, 4, null, NOW, "g1"),
            "ab/1", report("running", 0, 8, null, NOW, "g2"));

    assertThat(TopologyStatusBoard.select(reports, "a", "g2", NOW.minus(TopologyStatusBoard.FRESH)))
        .extracting(TopologyStatus::processed)
        .containsExactly(1L);
  }
}
