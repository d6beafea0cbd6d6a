package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text/event-stream framing, byte for byte. */
class SseWriterTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final SseWriter sse = new SseWriter(out);

  /** What reached the stream under the writer, after a flush. */
  private String written() throws Exception {
    sse.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldHoldMessagesUntilTheFlush() throws Exception {
    sse.event("event", "0:1", "{}");
    sse.comment("heartbeat");

    assertThat(out.size()).isZero();
    assertThat(written()).isEqualTo("event: event\nid: 0:1\ndata: {}\n\n: heartbeat\n");
  }

  @Test
  void shouldWriteMessagesLargerThanItsBufferWhole() throws Exception {
    String data = "{\"text\":\"" + "x".repeat(3 * SseWriter.BUFFER_BYTES) + "\"}";

    sse.event("event", "0:1", data);
    sse.event("event", "0:2", "{}");

    assertThat(written())
        .isEqualTo(
            "event: event\nid: 0:1\ndata: " + data + "\n\nevent: event\nid: 0:2\ndata: {}\n\n");
  }

  @Test
  void shouldFrameAMessageWithItsNameIdAndData() throws Exception {
    sse.event("event", "0:1,1:0", "{\"a\":\"é\"}");

    assertThat(written()).isEqualTo("event: event\nid: 0:1,1:0\ndata: {\"a\":\"é\"}\n\n");
  }

  @Test
  void shouldContinueMultiLineDataOnMoreDataLines() throws Exception {
    sse.event("event", "0:1", "a\nb\r\nc\rd");

    assertThat(written())
        .isEqualTo("event: event\nid: 0:1\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
  }

  @Test
  void shouldWriteAnEventsJsonFromItsBufferOnOneDataLine() throws Exception {
    try (EventJsonBuffer json = new EventJsonBuffer(StreamFixtures.RENDERER)) {
      UniversalEvent event =
          UniversalEvent.newBuilder(StreamFixtures.event("e"))
              .setData(new JsonValue("line\nbreak"))
              .build();
      assertThat(json.render(StreamFixtures.record(1, 5, event))).isTrue();

      sse.event("event", "1:6", json);

      String expected = new String(json.toByteArray(), StandardCharsets.UTF_8);
      assertThat(expected).contains("\"data\":\"line\\nbreak\"").doesNotContain("\n");
      assertThat(written()).isEqualTo("event: event\nid: 1:6\ndata: " + expected + "\n\n");
    }
  }

  @Test
  void shouldWriteACommentLine() throws Exception {
    sse.comment("heartbeat");

    assertThat(written()).isEqualTo(": heartbeat\n");
  }

  @Test
  void shouldRefuseALineBreakInAnIdOrName() throws Exception {
    assertThatThrownBy(() -> sse.event("event", "0:1\n", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sse.event("a\rb", "0:1", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(written()).isEmpty();
  }
}
