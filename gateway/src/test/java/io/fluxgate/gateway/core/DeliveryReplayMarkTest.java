package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topic.PlatformTopics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A delivered event says whether a replay copied it, and which one. */
class DeliveryReplayMarkTest {

  @Test
  void shouldMarkAReplayedEventWithItsReplayId() {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("fluxgate.sub.s", 0, 7, "k", null);
    record.headers().add(PlatformTopics.REPLAY_HEADER, "r-1".getBytes(StandardCharsets.UTF_8));
    ObjectNode json = JsonNodeFactory.instance.objectNode();

    EventRenderer.markReplayed(json, record);

    assertThat(json.get("replayed").asBoolean()).isTrue();
    assertThat(json.get("replay_id").asText()).isEqualTo("r-1");
  }

  @Test
  void shouldLeaveALiveEventUnmarked() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();

    EventRenderer.markReplayed(
        json, new ConsumerRecord<>("fluxgate.sub.s", 0, 7, "k", new byte[0]));

    assertThat(json.has("replayed")).isFalse();
    assertThat(json.has("replay_id")).isFalse();
  }
}
