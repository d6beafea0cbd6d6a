package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A delivered event says whether a replay copied it, and which one. */
class DeliveryReplayMarkTest {

  @Test
  void shouldMarkAReplayedEventWithItsReplayId() throws Exception {
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("fluxgate.sub.s", 0, 7, "k", null);
    record.headers().add(PlatformTopics.REPLAY_HEADER, "r-1".getBytes(StandardCharsets.UTF_8));

    assertThat(marks(record)).isEqualTo("{\"replayed\":true,\"replay_id\":\"r-1\"}");
  }

  @Test
  void shouldLeaveALiveEventUnmarked() throws Exception {
    assertThat(marks(new ConsumerRecord<>("fluxgate.sub.s", 0, 7, "k", new byte[0])))
        .isEqualTo("{}");
  }

  private static String marks(ConsumerRecord<String, byte[]> record) throws Exception {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out)) {
      g.writeStartObject();
      EventRenderer.markReplayed(g, record);
      g.writeEndObject();
    }
    return out.toString();
  }
}
