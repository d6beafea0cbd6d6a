package io.fluxgate.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the topologies and status topics hold, written and read back. */
class DeployedTopologyTest {
  private static final Instant AT = Instant.parse("2025-07-25T10:00:00Z");

  private static TopologySpec spec(String within) {
    return TopologySpecParser.parse(
        ("{\"name\": \"latency\", \"kind\": \"correlate\", \"left\": \"r.started\","
                + " \"right\": \"r.completed\", \"within\": \""
                + within
                + "\", \"output_event_type\": \"r.latency\"}")
            .getBytes(StandardCharsets.UTF_8),
        false);
  }

  @Test
  void shouldReadBackWhatItWrote() throws IOException {
    DeployedTopology deployed = DeployedTopology.of(spec("5m"), AT, Map.of("events-0", 42L));

    DeployedTopology read = DeployedTopology.fromBytes(deployed.toBytes());

    assertThat(read).isEqualTo(deployed);
    assertThat(read.name()).isEqualTo("latency");
  }

  @Test
  void shouldGiveTheSameSpecTheSameGenerationAndAChangedOneAnother() {
    assertThat(DeployedTopology.generationOf(spec("5m")))
        .hasSize(16)
        .isEqualTo(DeployedTopology.generationOf(spec("300s")))
        .isNotEqualTo(DeployedTopology.generationOf(spec("10m")));
  }

  @Test
  void shouldRefuseRecordsThatAreNotDeployedTopologies() {
    assertThatThrownBy(() -> DeployedTopology.fromBytes("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                DeployedTopology.fromBytes(
                    "{\"spec\": {\"name\": \"x\"}, \"deployed_at\": \"2025-07-25T10:00:00Z\"}"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid spec");
    byte[] badTime =
        new String(DeployedTopology.of(spec("5m"), AT, Map.of()).toBytes(), StandardCharsets.UTF_8)
            .replace(AT.toString(), "yesterday")
            .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DeployedTopology.fromBytes(badTime)).isInstanceOf(IOException.class);
  }

  @Test
  void shouldWriteAndReadStatusReports() throws IOException {
    TopologyStatus status =
        new TopologyStatus("running", 3, 120, 12.5, 4, 1, 2, "boom", AT, "0123456789abcdef");

    assertThat(TopologyStatus.fromBytes(status.toBytes())).isEqualTo(status);
    TopologyStatus noError = new TopologyStatus("rebalancing", 0, 0, 0, 0, 0, 0, null, AT, "g");
    assertThat(TopologyStatus.fromBytes(noError.toBytes()).lastError()).isNull();
    assertThat(TopologyStatus.key("a-b", "instance-1")).isEqualTo("a-b/instance-1");
    assertThat(TopologyStatus.nameOf("a-b/instance-1")).isEqualTo("a-b");
    assertThatThrownBy(() -> TopologyStatus.fromBytes("[]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }
}
