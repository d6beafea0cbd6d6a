package io.fluxgate.gateway.core;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code text/event-stream} framing of the server-sent events specification: messages with
 * {@code event}, {@code id} and {@code data} fields, and comment lines, in UTF-8. Nothing reaches
 * the client before {@link #flush()}: messages are gathered in a buffer of {@link #BUFFER_BYTES} (a
 * message is three writes, and every write to the response takes its lock and copies on its own)
 * and written to the response when it fills or at the flush.
 */
final class SseWriter {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private static final byte[] END_OF_MESSAGE = {'\n', '\n'};

  static final int BUFFER_BYTES = 16 * 1024;

  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = new BufferedOutputStream(out, BUFFER_BYTES);
  }

  /** One message; a line break in {@code data} continues it on another {@code data:} line. */
  void event(String name, String id, String data) throws IOException {
    StringBuilder message = new StringBuilder(data.length() + id.length() + 32);
    message.append("event: ").append(singleLine(name)).append('\n');
    message.append("id: ").append(singleLine(id)).append('\n');
    for (String line : LINE_BREAK.split(data, -1)) {
      message.append("data: ").append(line).append('\n');
    }
    message.append('\n');
    out.write(message.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One message whose data is the JSON in {@code json}: compact JSON holds no line break, so it is
   * one {@code data:} line, written from the buffer as it is.
   */
  void event(String name, String id, EventJsonBuffer json) throws IOException {
    String head = "event: " + singleLine(name) + "\nid: " + singleLine(id) + "\ndata: ";
    out.write(head.getBytes(StandardCharsets.UTF_8));
    json.writeTo(out);
    out.write(END_OF_MESSAGE);
  }

  /** A comment line, which clients ignore and proxies see as traffic. */
  void comment(String text) throws IOException {
    out.write((": " + singleLine(text) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  void flush() throws IOException {
    out.flush();
  }

  private static String singleLine(String field) {
    if (LINE_BREAK.matcher(field).find() || field.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an SSE field must be one line: " + field);
    }
    return field;
  }
}
