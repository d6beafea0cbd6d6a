package io.fluxgate.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandaloneOptionsTest {
  private static final Path DATA = Path.of("/tmp/fluxgate-options-test");

  @Test
  void theFanOutIsAtLeastOnceUnlessAsked() throws Exception {
    StandaloneOptions options = new StandaloneOptions(DATA, "127.0.0.1", 0, 0, null);

    assertThat(options.fanOutGuarantee()).isEqualTo("at_least_once");
    assertThat(fanOutConfig(options).get("processingGuarantee").asText())
        .isEqualTo("at_least_once");
  }

  @Test
  void anExactlyOnceFanOutReachesTheProcessorConfiguration() throws Exception {
    StandaloneOptions options =
        new StandaloneOptions(DATA, "127.0.0.1", 0, 0, null, "exactly_once_v2");

    JsonNode fanOut = fanOutConfig(options);

    assertThat(fanOut.get("processingGuarantee").asText()).isEqualTo("exactly_once_v2");
    assertThat(fanOut.get("stateDir").asText()).isEqualTo(DATA.resolve("streams").toString());
  }

  @Test
  void otherGuaranteesAreRefused() {
    assertThatThrownBy(() -> new StandaloneOptions(DATA, "127.0.0.1", 0, 0, null, "exactly_once"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at_least_once or exactly_once_v2");
  }

  private static JsonNode fanOutConfig(StandaloneOptions options) throws Exception {
    byte[] yaml = FluxgatePlatform.configYaml(options, "127.0.0.1:9092");
    return new ObjectMapper(new YAMLFactory()).readTree(yaml).get("fanOut");
  }
}
