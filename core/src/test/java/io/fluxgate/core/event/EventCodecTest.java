package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private final UniversalEvent event =
      TestEvents.eventJson()
          .parseEvent(
              TestEvents.json(
                  "{'event_type': 'agent.done', 'source': {'instance_id': 'i-1'},"
                      + " 'data': {'n': [1, 2.50, 'x', null, {'deep': true}]},"
                      + " 'metadata': {'env': 'prod'}, 'priority': 'high', 'ttl_seconds': 60}"));

  @Test
  void shouldRoundTripThroughAvroSingleObjectEncoding() {
    byte[] bytes = EventCodec.encode(event);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(EventCodec.decode(bytes)).isEqualTo(event);
  }

  @Test
  void shouldRejectGarbageClearly() {
    assertThatThrownBy(() -> EventCodec.decode("hello world".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an Avro single-object encoded UniversalEvent");
    assertThatThrownBy(() -> EventCodec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRejectPayloadOfAnotherSchema() throws Exception {
    byte[] other = EventSource.getEncoder().encode(new EventSource("a", "b", "c")).array();

    assertThatThrownBy(() -> EventCodec.decode(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown schema");
  }

  @Test
  void shouldRejectTruncatedPayload() {
    byte[] bytes = EventCodec.encode(event);

    assertThatThrownBy(() -> EventCodec.decode(Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt UniversalEvent payload");
  }
}
