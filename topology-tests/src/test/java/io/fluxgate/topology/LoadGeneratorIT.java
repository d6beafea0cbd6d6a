package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.benchmarks.load.LoadReport;
import io.fluxgate.benchmarks.load.LoadRun;
import io.fluxgate.benchmarks.load.LoadSettings;
import io.fluxgate.benchmarks.load.LoadSettings.SubscriberMode;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke run of the load generator on a real platform, so it does not rot: half a second of single
 * events with long-poll end-to-end latency, half a second of batches, each with the Kafka baseline.
 * Asserts that load went through and the report has its ratios, never a speed.
 */
class LoadGeneratorIT {
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
  void shouldPublishSingleEventsAndMeasureLongPollLatencyAgainstTheBaseline() throws Exception {
    LoadReport report = LoadRun.execute(settings(1, SubscriberMode.LONG_POLL));

    assertThat(report.gateway().events()).isPositive();
    assertThat(report.gateway().errors()).isZero();
    assertThat(report.baseline().events()).isPositive();
    assertThat(report.endToEnd().received()).isPositive();
    assertThat(report.text())
        .contains("gateway / kafka", "end-to-end / kafka")
        .containsPattern("\\d\\.\\d\\dx");
  }

  @Test
  void shouldPublishBatchesAgainstTheBaseline() throws Exception {
    LoadReport report = LoadRun.execute(settings(100, SubscriberMode.NONE));

    assertThat(report.gateway().events()).isPositive();
    assertThat(report.gateway().events() % 100).isZero();
    assertThat(report.baseline().events()).isPositive();
    assertThat(report.json()).contains("\"gateway_to_kafka\"");
  }

  private static LoadSettings settings(int batch, SubscriberMode subscriber) {
    return new LoadSettings(
        platform.gatewayUri(),
        2,
        batch,
        300,
        0,
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        subscriber,
        platform.bootstrapServers(),
        "fluxgate.loadgen.baseline",
        LoadSettings.BaselineProducer.GATEWAY);
  }
}
