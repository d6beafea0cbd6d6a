package io.fluxgate.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class FanOutStreamsConfigTest {

  @Test
  void theFanOutNeverIdlesForEmptyPartitionsAndReadsCommittedData() {
    Properties props =
        FanOutService.streamsConfig("127.0.0.1:9092", "/tmp/state", "at_least_once", Map.of());

    StreamsConfig config = new StreamsConfig(props);

    assertThat(config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(-1L);
    assertThat(props.get("producer.linger.ms")).isEqualTo("10");
    assertThat(props.get("producer.compression.type")).isEqualTo("lz4");
    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo("at_least_once");
    assertThat(props.get("consumer.isolation.level")).isEqualTo("read_committed");
  }

  @Test
  void overridesWinAndTheGuaranteeIsPassedThrough() {
    Properties props =
        FanOutService.streamsConfig(
            "127.0.0.1:9092",
            "/tmp/state",
            "exactly_once_v2",
            Map.of(
                StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0", "producer.compression.type", "none"));

    StreamsConfig config = new StreamsConfig(props);

    assertThat(config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
    // The README's way to write the copies uncompressed.
    assertThat(config.getProducerConfigs("client").get("compression.type")).isEqualTo("none");
    assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo("exactly_once_v2");
  }
}
