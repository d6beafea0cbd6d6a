package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class KafkaCommittedOffsetsTest {

  @Test
  void shouldConnectLikeTheApplicationWithItsAdminOverrides() {
    Map<String, Object> appConfigs =
        Map.of(
            "application.id", "fluxgate-fanout",
            "bootstrap.servers", "broker:9092",
            "security.protocol", "SSL",
            "admin.request.timeout.ms", "7000",
            "consumer.isolation.level", "read_uncommitted",
            "processing.guarantee", "exactly_once_v2");

    Map<String, Object> config = KafkaCommittedOffsets.adminConfig(appConfigs, "task-0_1");

    assertThat(config)
        .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "7000")
        .containsEntry(AdminClientConfig.CLIENT_ID_CONFIG, "task-0_1")
        .doesNotContainKeys(
            "application.id",
            "isolation.level",
            "processing.guarantee",
            "consumer.isolation.level");
  }
}
