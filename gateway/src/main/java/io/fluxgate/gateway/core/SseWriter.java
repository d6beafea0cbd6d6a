package io.fluxgate.gateway.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The {@code text/event-stream} framing of the server-sent events specification: messages with
 * {@code event}, {@code id} and {@code data} fields, and comment lines, in UTF-8. Nothing reaches
 * the client before {@link #flush()}.
 */
final class SseWriter {
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private final OutputStream out;

  SseWriter(OutputStream out) {
    this.out = out;
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
