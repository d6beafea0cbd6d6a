package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunsReportTest {

  /** A run with a rate and a ratio that may be missing. */
  private record FakeRun(double rate, Double ratio) implements RunsReport.Run {
    @Override
    public String text() {
      return "rate " + rate + System.lineSeparator();
    }

    @Override
    public ObjectNode jsonNode() {
      return new ObjectMapper().createObjectNode().put("rate", rate);
    }

    @Override
    public Map<String, Double> figures() {
      Map<String, Double> figures = new LinkedHashMap<>();
      figures.put("rate", rate);
      figures.put("ratio", ratio);
      return figures;
    }
  }

  private static final RunsReport THREE =
      new RunsReport(
          List.of(new FakeRun(30_000, 0.5), new FakeRun(10_000, null), new FakeRun(20_000, 0.25)));

  @Test
  void shouldSummariseEachFigureOverTheRunsThatHaveIt() {
    Map<String, RunStats> summary = THREE.summary();

    assertThat(summary.keySet()).containsExactly("rate", "ratio");
    assertThat(summary.get("rate")).isEqualTo(new RunStats(3, 10_000, 20_000, 30_000));
    assertThat(summary.get("ratio")).isEqualTo(new RunStats(2, 0.25, 0.375, 0.5));
  }

  @Test
  void shouldPrintEachRunThenTheSummaryTable() {
    assertThat(THREE.text())
        .contains("--- run 1 of 3", "rate 30000.0", "--- run 3 of 3", "--- summary over 3 runs")
        .containsPattern("rate +10,000 +20,000 +30,000")
        .containsPattern("ratio +0\\.25 +0\\.38 +0\\.50");
  }

  @Test
  void shouldWriteEveryRunAndTheSummaryAsJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(THREE.json());

    assertThat(json.get("runs")).hasSize(3);
    assertThat(json.get("runs").get(1).get("rate").asDouble()).isEqualTo(10_000);
    assertThat(json.get("summary").get("rate").get("median").asDouble()).isEqualTo(20_000);
    assertThat(json.get("summary").get("ratio").get("runs").asInt()).isEqualTo(2);
  }

  @Test
  void shouldPrintOneRunAsItsOwnReport() throws Exception {
    RunsReport one = new RunsReport(List.of(new FakeRun(5, 1.0)));

    assertThat(one.text()).isEqualTo("rate 5.0" + System.lineSeparator());
    assertThat(new ObjectMapper().readTree(one.json()).get("rate").asDouble()).isEqualTo(5);
  }
}
