package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadReportTest {
  private static final LoadSettings SETTINGS =
      new LoadSettings(
          URI.create("http://127.0.0.1:8080"),
          4,
          500,
          300,
          0,
          Duration.ofSeconds(1),
          Duration.ofSeconds(10),
          LoadSettings.SubscriberMode.LONG_POLL,
          "127.0.0.1:9092",
          "fluxgate.loadgen.baseline",
          LoadSettings.BaselineProducer.GATEWAY);
  private static final PhaseResult GATEWAY =
      new PhaseResult(
          "gateway", 100, 50_000, 2, 10, new LatencySummary(100, 4000, 6000, 9000, 12000, 15000));
  private static final PhaseResult KAFKA =
      new PhaseResult(
          "kafka", 400, 200_000, 0, 10, new LatencySummary(400, 1000, 2000, 3000, 4000, 5000));
  private static final SubscriberProbe.EndToEndResult END_TO_END =
      new SubscriberProbe.EndToEndResult(
          50_000, 49_990, new LatencySummary(49_990, 8000, 10000, 30000, 40000, 50000));

  @Test
  void shouldShowEveryFigureAsARatioToKafka() {
    String text = new LoadReport(SETTINGS, GATEWAY, KAFKA, END_TO_END).text();

    assertThat(text)
        .contains("POST /v1/events/batch (batch 500)", "4 connection(s)", "flat out")
        .containsPattern("gateway +5,000 +10\\.0 +2 +4\\.00 +6\\.00 +9\\.00 +12\\.00 +15\\.00")
        .containsPattern("kafka producer +20,000 +40\\.0 +0 +1\\.00")
        .containsPattern(
            "gateway / kafka +0\\.25x +0\\.25x +4\\.00x +3\\.00x +3\\.00x +3\\.00x +3\\.00x")
        .containsPattern("end-to-end long-poll +8\\.00 +10\\.00 +30\\.00 +40\\.00 +50\\.00")
        .contains("received 49990 of 50000 measured events")
        .containsPattern("end-to-end / kafka +8\\.00x +5\\.00x +10\\.00x +10\\.00x +10\\.00x");
  }

  @Test
  void shouldLeaveRatiosOutWithoutABaseline() {
    String text = new LoadReport(SETTINGS, GATEWAY, null, null).text();

    assertThat(text).contains("gateway").doesNotContain("kafka", "ratio");
  }

  @Test
  void shouldWriteTheSameFiguresAsJson() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(new LoadReport(SETTINGS, GATEWAY, KAFKA, END_TO_END).json());

    assertThat(json.at("/gateway/events_per_second").asDouble()).isEqualTo(5000);
    assertThat(json.at("/kafka/latency_micros/p99").asLong()).isEqualTo(3000);
    assertThat(json.at("/gateway_to_kafka/events_per_second").asDouble()).isEqualTo(0.25);
    assertThat(json.at("/gateway_to_kafka/p50").asDouble()).isEqualTo(4.0);
    assertThat(json.at("/end_to_end/received").asLong()).isEqualTo(49_990);
    assertThat(json.at("/end_to_end_to_kafka/p99").asDouble()).isEqualTo(10.0);
  }

  @Test
  void shouldNotDivideByAZeroBaseline() {
    assertThat(LoadReport.ratio(5, 0)).isEqualTo("-");
    assertThat(LoadReport.rawRatio(5, 0)).isNull();
  }

  @Test
  void shouldGiveThePerRunFiguresAndRatiosForTheSummary() {
    Map<String, Double> figures = new LoadReport(SETTINGS, GATEWAY, KAFKA, END_TO_END).figures();

    assertThat(figures)
        .containsEntry("gateway_events_per_second", 5000.0)
        .containsEntry("gateway_requests_per_second", 10.0)
        .containsEntry("gateway_p50_ms", 4.0)
        .containsEntry("gateway_p99_ms", 9.0)
        .containsEntry("kafka_events_per_second", 20_000.0)
        .containsEntry("gateway_to_kafka_events_per_second", 0.25)
        .containsEntry("gateway_to_kafka_p99", 3.0)
        .containsEntry("end_to_end_p50_ms", 8.0)
        .containsEntry("end_to_end_to_kafka_p99", 10.0);
  }

  @Test
  void shouldGiveNoRatioFiguresWithoutABaseline() {
    Map<String, Double> figures = new LoadReport(SETTINGS, GATEWAY, null, null).figures();

    assertThat(figures.keySet())
        .containsExactly(
            "gateway_events_per_second",
            "gateway_requests_per_second",
            "gateway_p50_ms",
            "gateway_p99_ms");
  }

  @Test
  void shouldRunLaterRunsWithoutWarmUp() {
    LoadSettings later = SETTINGS.withWarmup(Duration.ZERO);

    assertThat(later.warmup()).isZero();
    assertThat(later.withWarmup(SETTINGS.warmup())).isEqualTo(SETTINGS);
  }
}
