package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.benchmarks.load.FanOutBenchmark;
import io.fluxgate.processor.FanOutService;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The fan-out benchmark's ceiling is only a ceiling if its producers write like the fan-out's. */
class FanOutCeilingTuningTest {

  @Test
  void theCeilingProducersTakeTheFanOutProducersBatchingAndCompression() {
    Properties fanOut =
        FanOutService.streamsConfig("127.0.0.1:9092", "/tmp/state", "at_least_once", Map.of());

    assertThat(FanOutBenchmark.CEILING_TUNING).isNotEmpty();
    FanOutBenchmark.CEILING_TUNING.forEach(
        (setting, value) ->
            assertThat(fanOut.get(StreamsConfig.producerPrefix(setting)))
                .as("fan-out producer %s", setting)
                .isEqualTo(value));
  }
}
