package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The text/event-stream framing, byte for byte. */
class SseWriterTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final SseWriter sse = new SseWriter(out);

  private String written() {
    return out.toString(StandardCharsets.UTF_8);
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
  void shouldWriteACommentLine() throws Exception {
    sse.comment("heartbeat");

    assertThat(written()).isEqualTo(": heartbeat\n");
  }

  @Test
  void shouldRefuseALineBreakInAnIdOrName() {
    assertThatThrownBy(() -> sse.event("event", "0:1\n", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sse.event("a\rb", "0:1", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(written()).isEmpty();
  }
}
