package io.fluxgate.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of a deployed topology's runtime that need no broker: its Streams configuration, the
 * failure budget of its stream threads, its generation marker and its start offset keys.
 */
class TopologyRuntimeTest {

  @Test
  void shouldRunEachTopologyAsItsOwnSmallExactlyOnceApplication() {
    Properties props =
        TopologyRunner.streamsConfig(
            "error-rate", "broker:9092", "/state/topologies", "exactly_once_v2", Map.of());

    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("fluxgate-topology-error-rate");
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
    assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/state/topologies");
    assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("1");
    assertThat(props.get(StreamsConfig.consumerPrefix("isolation.level")))
        .isEqualTo("read_committed");
  }

  @Test
  void shouldLetThePassThroughMapWin() {
    Properties props =
        TopologyRunner.streamsConfig(
            "n",
            "broker:9092",
            "/s",
            "at_least_once",
            Map.of(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "2", "commit.interval.ms", "500"));

    assertThat(props.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo("2");
    assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("500");
    assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("at_least_once");
  }

  @Test
  void shouldGiveUpOnTheThirdFailureWithinAMinuteOnly() {
    FailureBudget budget = new FailureBudget(3, Duration.ofMinutes(1));

    assertThat(budget.exhaustedBy(0)).isFalse();
    assertThat(budget.exhaustedBy(30_000)).isFalse();
    assertThat(budget.exhaustedBy(60_000)).as("the first one has left the window").isFalse();
    assertThat(budget.exhaustedBy(61_000)).as("three within a minute").isTrue();
  }

  @Test
  void shouldRememberTheGenerationThatRanHere(@TempDir Path dir) {
    GenerationMarker marker =
        new GenerationMarker(dir.resolve("topologies"), "fluxgate-topology-a");

    assertThat(marker.read()).isEmpty();
    marker.write("0123abcd");
    assertThat(marker.read()).contains("0123abcd");
    assertThat(new GenerationMarker(dir.resolve("topologies"), "fluxgate-topology-b").read())
        .isEmpty();
    marker.delete();
    assertThat(marker.read()).isEmpty();
  }

  @Test
  void shouldReadStartOffsetKeysOfTopicsWithDashes() {
    assertThat(TopologyAdmin.partitionOf("my-events-12"))
        .isEqualTo(new TopicPartition("my-events", 12));
    assertThat(TopologyAdmin.partitionOf("events-0")).isEqualTo(new TopicPartition("events", 0));
  }
}
