package io.fluxgate.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Builds events of a fixed encoded size: a JSON object with a fresh {@code id}, the run's event
 * type and a {@code data.pad} string sized so the whole object is {@code eventBytes} long (or the
 * smallest possible event, when that is bigger). Ids let the subscriber probe match what it
 * receives to what was sent.
 */
public final class EventFactory {
  private final String eventType;
  private final int padLength;

  public EventFactory(String eventType, int eventBytes) {
    this.eventType = eventType;
    int overhead = render(new UUID(0, 0).toString(), eventType, "").length();
    this.padLength = Math.max(0, eventBytes - overhead);
  }

  public String eventType() {
    return eventType;
  }

  /** One event, as JSON, with this id. Every event of a factory has the same length. */
  public String event(String id) {
    return render(id, eventType, "x".repeat(padLength));
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The body of {@code POST /v1/events/batch} for these events: NDJSON, one event a line. */
  public static byte[] ndjson(List<String> events) {
    StringBuilder body = new StringBuilder(events.size() * (events.get(0).length() + 1));
    for (String event : events) {
      body.append(event).append('\n');
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String render(String id, String eventType, String pad) {
    return "{\"id\":\""
        + id
        + "\",\"event_type\":\""
        + eventType
        + "\",\"source\":{\"component\":\"loadgen\"},\"data\":{\"pad\":\""
        + pad
        + "\"}}";
  }
}
