package io.fluxgate.schemas.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryTopicTest {

  @Test
  void shouldCapTheReplicationFactorAtTheBrokersThereAre() {
    assertThat(RegistryTopic.replication((short) 3, 1)).contains((short) 1);
    assertThat(RegistryTopic.replication((short) 3, 5)).contains((short) 3);
  }

  @Test
  void shouldLeaveTheReplicationToTheBrokerWhenAskedTo() {
    assertThat(RegistryTopic.replication((short) -1, 3)).isEmpty();
    assertThat(RegistryTopic.topicConfig(Optional.empty()))
        .isEqualTo(Map.of("cleanup.policy", "compact"));
  }

  @Test
  void shouldNeedAllButOneReplicaInSyncButNeverMoreThanTwo() {
    assertThat(RegistryTopic.topicConfig(Optional.of((short) 1)))
        .containsEntry("min.insync.replicas", "1");
    assertThat(RegistryTopic.topicConfig(Optional.of((short) 2)))
        .containsEntry("min.insync.replicas", "1");
    assertThat(RegistryTopic.topicConfig(Optional.of((short) 3)))
        .containsEntry("min.insync.replicas", "2");
    assertThat(RegistryTopic.topicConfig(Optional.of((short) 5)))
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("min.insync.replicas", "2");
  }
}
