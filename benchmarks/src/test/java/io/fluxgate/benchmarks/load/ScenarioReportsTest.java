package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioReportsTest {
  private static final URI GATEWAY = URI.create("http://127.0.0.1:8080");
  private static final FanOutBenchmark.Settings FAN_OUT =
      new FanOutBenchmark.Settings(
          GATEWAY,
          "127.0.0.1:9092",
          100,
          300,
          0,
          1000,
          Duration.ofSeconds(2),
          Duration.ofSeconds(10));
  private static final DeliveryBenchmark.Settings DELIVERY =
      new DeliveryBenchmark.Settings(
          GATEWAY, "127.0.0.1:9092", 1000, DeliveryBenchmark.Mode.LONG_POLL, 300);

  private static FanOutReport fanOut() {
    return new FanOutReport(FAN_OUT, "fanout.r1", 2.23, 4, 800_000, 600_000, 1_200_000, 5000, 0);
  }

  /** A run of 4 s that left 200,000 events of lag, with its drain and ceiling. */
  private static FanOutReport fanOutAfter(FanOutReport.Drain drain, FanOutReport.Ceiling ceiling) {
    return new FanOutReport(
        FAN_OUT, "fanout.r1", 2.23, 4, 800_000, 600_000, 1_200_000, 200_000, 0, drain, ceiling);
  }

  @Test
  void shouldDivideTheFanOutCountsByTheMeasuredTime() {
    FanOutReport report = fanOut();

    assertThat(report.producedPerSecond()).isEqualTo(200_000);
    assertThat(report.inPerSecond()).isEqualTo(150_000);
    assertThat(report.outPerSecond()).isEqualTo(300_000);
    assertThat(report.matchesPerEvent()).isEqualTo(2.0);
    assertThat(report.text())
        .contains("100 subscriptions", "flat out", "measured 4.0 s")
        .containsPattern("kafka producer \\(events\\) +200,000 +800,000")
        .containsPattern("fan-out in \\(events\\) +150,000 +600,000")
        .containsPattern("fan-out out \\(records\\) +300,000 +1,200,000")
        .containsPattern("fan-out in / producer +0\\.75x")
        .contains("2.00 out/in (2.23 expected)", "lag at end: 5,000 events");
  }

  @Test
  void shouldReportNoMatchesWhenNothingCameIn() {
    FanOutReport idle = new FanOutReport(FAN_OUT, "fanout.r1", 2.23, 0, 0, 0, 0, 0, 0);

    assertThat(idle.matchesPerEvent()).isZero();
    assertThat(idle.inPerSecond()).isZero();
    assertThat(idle.text()).containsPattern("fan-out in / producer +-");
  }

  @Test
  void shouldWriteTheFanOutFiguresAsJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(fanOut().json());

    assertThat(json.get("fan_out_in_per_second").asDouble()).isEqualTo(150_000);
    assertThat(json.get("in_to_produced").asDouble()).isEqualTo(0.75);
    assertThat(json.get("lag_at_end").asLong()).isEqualTo(5000);
    assertThat(json.get("settings").get("subscriptions").asInt()).isEqualTo(100);
  }

  @Test
  void shouldShowDeliveryAsARatioToTheRawConsumer() throws Exception {
    DeliveryReport report =
        new DeliveryReport(
            DELIVERY,
            "delivery.r1.event",
            1000,
            1.5,
            new DeliveryBenchmark.Drain(1000, 0.5),
            new DeliveryBenchmark.Drain(1000, 0.125));

    assertThat(report.text())
        .contains("1,000 events queued in 1.5 s")
        .containsPattern("http long-poll +2,000 +1,000 +0\\.50")
        .containsPattern("kafka consumer +8,000 +1,000 +0\\.13")
        .containsPattern("http / kafka +0\\.25x");
    JsonNode json = new ObjectMapper().readTree(report.json());
    assertThat(json.get("http_to_kafka").asDouble()).isEqualTo(0.25);
    assertThat(json.get("settings").get("mode").asText()).isEqualTo("long-poll");
  }

  @Test
  void shouldReportTheDrainAsItsOwnRowsAndFigures() throws Exception {
    FanOutReport report =
        fanOutAfter(new FanOutReport.Drain(2.5, 200_000, 450_000, 200_000, 0, true), null);

    assertThat(report.drain().inPerSecond()).isEqualTo(80_000);
    assertThat(report.drain().outPerSecond()).isEqualTo(180_000);
    assertThat(report.text())
        .containsPattern("drain in \\(events\\) +80,000 +200,000")
        .containsPattern("drain out \\(records\\) +180,000 +450,000")
        .contains("drain: 2.5 s with nothing producing, lag 200,000 -> 0 events")
        .doesNotContain("timed out");
    assertThat(report.figures())
        .containsEntry("fan_out_in_per_second", 150_000.0)
        .containsEntry("in_to_produced", 0.75)
        .containsEntry("drain_in_per_second", 80_000.0)
        .containsEntry("drain_out_per_second", 180_000.0);
    JsonNode drain = new ObjectMapper().readTree(report.json()).get("drain");
    assertThat(drain.get("fan_out_in_per_second").asDouble()).isEqualTo(80_000);
    assertThat(drain.get("drained").asBoolean()).isTrue();
  }

  @Test
  void shouldReportTheCeilingAsEventsInAndTheDrainAgainstIt() throws Exception {
    FanOutReport report =
        fanOutAfter(
            new FanOutReport.Drain(2.5, 200_000, 450_000, 200_000, 0, true),
            new FanOutReport.Ceiling(10, 4_000_000, 2.5, 0, 2));

    assertThat(report.ceiling().recordsPerSecond()).isEqualTo(400_000);
    assertThat(report.ceiling().eventsPerSecond()).isEqualTo(160_000);
    assertThat(report.text())
        .containsPattern("ceiling \\(records\\) +400,000 +4,000,000")
        .contains(
            "ceiling: 2 raw producers (linger.ms 10, compression.type lz4, acks=all) writing the same 2.50 copies")
        .contains("per event to the subscription topics = 160,000 events/s in")
        .containsPattern("drain in / ceiling +0\\.50x");
    assertThat(report.figures())
        .containsEntry("ceiling_out_per_second", 400_000.0)
        .containsEntry("ceiling_in_per_second", 160_000.0)
        .containsEntry("drain_in_to_ceiling", 0.5);
    JsonNode ceiling = new ObjectMapper().readTree(report.json()).get("ceiling");
    assertThat(ceiling.get("events_in_per_second").asDouble()).isEqualTo(160_000);
    assertThat(ceiling.get("producers").asInt()).isEqualTo(2);
    assertThat(fanOutAfter(null, new FanOutReport.Ceiling(10, 4_000_000, 2.5, 0, 1)).text())
        .contains("ceiling: a raw producer (linger.ms 10, compression.type lz4, acks=all)")
        .doesNotContain("drain in / ceiling");
    assertThat(fanOut().text()).doesNotContain("ceiling");
    assertThat(fanOut().figures()).doesNotContainKey("ceiling_in_per_second");
  }

  @Test
  void shouldSayWhenTheDrainTimedOutAndLeaveItOutWithoutOne() {
    FanOutReport timedOut =
        fanOutAfter(new FanOutReport.Drain(120, 100_000, 220_000, 200_000, 100_000, false), null);

    assertThat(timedOut.text()).contains("lag 200,000 -> 100,000 events (timed out)");
    assertThat(fanOut().text()).doesNotContain("drain");
    assertThat(fanOut().figures()).doesNotContainKey("drain_in_per_second");
  }

  @Test
  void shouldGiveTheDeliveryFiguresForTheSummary() {
    DeliveryReport report =
        new DeliveryReport(
            DELIVERY,
            "delivery.r1.event",
            1000,
            1.5,
            new DeliveryBenchmark.Drain(1000, 0.5),
            new DeliveryBenchmark.Drain(1000, 0.125));

    assertThat(report.figures())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("fill_seconds", 1.5),
            org.assertj.core.api.Assertions.entry("http_events_per_second", 2000.0),
            org.assertj.core.api.Assertions.entry("kafka_events_per_second", 8000.0),
            org.assertj.core.api.Assertions.entry("http_to_kafka", 0.25));
  }

  @Test
  void shouldRefuseANegativeCeiling() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fanOutSettings(Duration.ofSeconds(1), Duration.ofSeconds(-1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ceiling");
  }

  @Test
  void shouldRefuseACeilingWithoutProducers() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fanOutSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ceiling producers");
  }

  @Test
  void shouldRefuseANonPositiveDrainTimeout() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> fanOutSettings(Duration.ZERO, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static FanOutBenchmark.Settings fanOutSettings(
      Duration drainTimeout, Duration ceiling, int ceilingProducers) {
    return new FanOutBenchmark.Settings(
        GATEWAY,
        "127.0.0.1:9092",
        100,
        300,
        0,
        1000,
        Duration.ZERO,
        Duration.ofSeconds(1),
        true,
        drainTimeout,
        ceiling,
        ceilingProducers);
  }
}
