package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.benchmarks.load.LoadReport;
import io.fluxgate.benchmarks.load.LoadRun;
import io.fluxgate.benchmarks.load.LoadSettings;
import io.fluxgate.benchmarks.load.LoadSettings.SubscriberMode;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke run of the load generator on a real platform, so it does not rot: half a second of single
 * events with long-poll end-to-end latency, half a second of batches, each with the Kafka baseline.
 * Asserts that load went through and the report has its ratios, never a speed; and that a series
 * measures all its runs through one subscription.
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
  void shouldMeasureEveryRunOfASeriesThroughOneSubscription() throws Exception {
    Set<String> before = subscriptionHistory("loadgen-").keySet();

    List<LoadReport> reports = LoadRun.execute(settings(10, SubscriberMode.SSE), 2);

    assertThat(reports).hasSize(2);
    for (LoadReport report : reports) {
      assertThat(report.gateway().errors()).isZero();
      assertThat(report.endToEnd().received()).isPositive();
      // Each run counts its own events only: what arrived equals what it expected.
      assertThat(report.endToEnd().received()).isEqualTo(report.endToEnd().expected());
    }
    // One subscription for the series: created once, deleted once (a tombstone) after the last run.
    Map<String, List<String>> created = subscriptionHistory("loadgen-");
    created.keySet().removeAll(before);
    assertThat(created).hasSize(1);
    List<String> records = created.values().iterator().next();
    assertThat(records).hasSize(2);
    assertThat(records.get(1)).isNull();
  }

  @Test
  void shouldPublishBatchesAgainstTheBaseline() throws Exception {
    LoadReport report = LoadRun.execute(settings(100, SubscriberMode.NONE));

    assertThat(report.gateway().events()).isPositive();
    assertThat(report.gateway().events() % 100).isZero();
    assertThat(report.baseline().events()).isPositive();
    assertThat(report.json()).contains("\"gateway_to_kafka\"");
  }

  /**
   * The records of {@code _fluxgate.subscriptions} (values as text, null for a tombstone) of each
   * subscription whose first record contains {@code marker}.
   */
  private static Map<String, List<String>> subscriptionHistory(String marker) {
    Map<String, List<String>> history = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of("bootstrap.servers", platform.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(PlatformTopics.SUBSCRIPTIONS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          history.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
      }
    }
    history.values().removeIf(values -> values.get(0) == null || !values.get(0).contains(marker));
    return history;
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
