package io.fluxgate.schemas.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaRegistryLogConfigTest {
  private static final Map<String, Object> CLIENT =
      Map.of("bootstrap.servers", "kafka:9092", "security.protocol", "SSL");

  @Test
  void shouldDefaultToThePlatformsTopicAndWriteLock() {
    KafkaRegistryLogConfig config = KafkaRegistryLogConfig.of(CLIENT);

    assertThat(config.topic()).isEqualTo("_fluxgate.schemas");
    assertThat(config.transactionalId()).isEqualTo("fluxgate-schema-registry");
    assertThat(config.replicationFactor()).isEqualTo((short) 3);
  }

  @Test
  void shouldPassClientPropertiesToEveryClient() {
    KafkaRegistryLogConfig config = KafkaRegistryLogConfig.of(CLIENT);

    assertThat(config.producerConfig("w")).contains(entry("security.protocol", "SSL"));
    assertThat(config.consumerConfig("r")).contains(entry("security.protocol", "SSL"));
    assertThat(config.adminConfig("a"))
        .contains(entry("bootstrap.servers", "kafka:9092"), entry("client.id", "a"));
  }

  @Test
  void shouldKeepTheSettingsItsGuaranteesRestOnOverClientProperties() {
    KafkaRegistryLogConfig config =
        KafkaRegistryLogConfig.of(
                Map.of(
                    "bootstrap.servers", "kafka:9092",
                    "transactional.id", "someone-else",
                    "acks", "1",
                    "enable.idempotence", "false",
                    "isolation.level", "read_uncommitted",
                    "group.id", "shared-group",
                    "enable.auto.commit", "true"))
            .withTransactionalId("registry-lock")
            .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(7));

    assertThat(config.producerConfig("w"))
        .contains(
            entry("transactional.id", "registry-lock"),
            entry("acks", "all"),
            entry("enable.idempotence", true),
            entry("max.block.ms", 7_000L));
    assertThat(config.consumerConfig("r"))
        .contains(entry("isolation.level", "read_committed"), entry("enable.auto.commit", false))
        .doesNotContainKey("group.id");
  }

  @Test
  void shouldRequireBootstrapServers() {
    assertThatThrownBy(() -> KafkaRegistryLogConfig.of(Map.of("acks", "all")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bootstrap.servers");
  }

  @Test
  void shouldRefuseANameThatIsBlank() {
    KafkaRegistryLogConfig config = KafkaRegistryLogConfig.of(CLIENT);

    assertThatThrownBy(() -> config.withTopic(" ")).hasMessageContaining("topic");
    assertThatThrownBy(() -> config.withTransactionalId(""))
        .hasMessageContaining("transactionalId");
  }

  @Test
  void shouldAcceptThePositiveReplicationFactorsAndTheBrokersDefault() {
    KafkaRegistryLogConfig config = KafkaRegistryLogConfig.of(CLIENT);

    assertThat(config.withReplicationFactor((short) -1).replicationFactor()).isEqualTo((short) -1);
    assertThatThrownBy(() -> config.withReplicationFactor((short) 0))
        .hasMessageContaining("replicationFactor");
    assertThatThrownBy(() -> config.withReplicationFactor((short) -2))
        .hasMessageContaining("replicationFactor");
  }

  @Test
  void shouldRefuseATimeoutThatIsNotPositive() {
    KafkaRegistryLogConfig config = KafkaRegistryLogConfig.of(CLIENT);

    assertThatThrownBy(() -> config.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("startTimeout");
    assertThatThrownBy(() -> config.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)))
        .hasMessageContaining("appendTimeout");
  }
}
