package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaCatchUpReaderTest {

  @Test
  void shouldReadCommittedWithoutGroupOrCommits() {
    Map<String, Object> appConfigs =
        Map.of(
            "application.id", "fluxgate-fanout",
            "bootstrap.servers", "broker:9092",
            "security.protocol", "SSL",
            "consumer.fetch.max.wait.ms", "50",
            "main.consumer.group.id", "stolen",
            "consumer.isolation.level", "read_uncommitted",
            "consumer.enable.auto.commit", "true");

    Map<String, Object> config = KafkaCatchUpReader.consumerConfig(appConfigs, "task-0_0");

    assertThat(config)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "task-0_0")
        .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, "application.id");
  }
}
