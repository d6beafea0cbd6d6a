package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fluxgate.benchmarks.load.DeliveryBenchmark;
import io.fluxgate.benchmarks.load.DeliveryReport;
import io.fluxgate.benchmarks.load.FanOutBenchmark;
import io.fluxgate.benchmarks.load.FanOutReport;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of the fan-out and delivery benchmarks on a real platform, so they do not rot: a
 * second of fan-out with 10 subscriptions at 2,000 events/s, and 1,000 events delivered by long
 * poll and by SSE, each with its Kafka baseline. Asserts that events flowed and the reports have
 * their figures, never a speed.
 */
class ScenarioBenchmarksIT {
  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldMeasureTheFanOutAgainstTheProducer() throws Exception {
    FanOutReport report =
        FanOutBenchmark.run(
            new FanOutBenchmark.Settings(
                platform.gatewayUri(),
                platform.bootstrapServers(),
                10,
                300,
                2000,
                100_000,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                false,
                Duration.ofSeconds(30),
                Duration.ofSeconds(1),
                2));

    assertThat(report.produced()).isPositive();
    assertThat(report.ceiling().records()).isPositive();
    assertThat(report.ceiling().errors()).isZero();
    assertThat(report.ceiling().producers()).isEqualTo(2);
    assertThat(report.ceiling().copiesPerEvent()).isEqualTo(report.expectedMatches(), within(1e-9));
    assertThat(report.in()).isPositive();
    assertThat(report.out()).isPositive();
    assertThat(report.producerErrors()).isZero();
    assertThat(report.expectedMatches()).isPositive();
    assertThat(report.text())
        .contains("fan-out in / producer", "matches per event")
        .containsPattern("\\d\\.\\d\\dx");
    assertThat(report.json()).contains("\"fan_out_in_per_second\"");
  }

  @Test
  void shouldDeliverEveryQueuedEventByLongPollAndStream() throws Exception {
    for (DeliveryBenchmark.Mode mode : DeliveryBenchmark.Mode.values()) {
      DeliveryReport report =
          DeliveryBenchmark.run(
              new DeliveryBenchmark.Settings(
                  platform.gatewayUri(), platform.bootstrapServers(), 1000, mode, 300));

      assertThat(report.queued()).as(mode.name()).isGreaterThanOrEqualTo(1000);
      assertThat(report.http().received()).as(mode.name()).isEqualTo(report.queued());
      assertThat(report.raw().received()).as(mode.name()).isEqualTo(report.queued());
      assertThat(report.text()).contains("http / kafka").containsPattern("\\d\\.\\d\\dx");
    }
  }
}
