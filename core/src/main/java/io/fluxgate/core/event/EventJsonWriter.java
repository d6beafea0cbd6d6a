package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the contract JSON of an event straight to a {@link JsonGenerator}: the same fields, order,
 * omissions and number and timestamp texts as {@link EventJson#toJson}, without building a tree.
 *
 * <p>Delivery renders every delivered event, so this is on the hot path: a Jackson tree per event
 * (and then serializing it) cost most of a gateway's CPU when it delivered to a client. The caller
 * appends its own fields (Kafka coordinates, replay marks, ack ids) through {@link ExtraFields},
 * before the closing brace.
 *
 * <pre>{@code
 * EventJsonWriter.write(generator, event, g -> g.writeNumberField("offset", 7));
 * }</pre>
 *
 * <p>{@code data} objects are written member by member; a member name repeated in one object (which
 * parsing refuses and Avro records cannot have) would be written twice where the tree keeps one.
 */
public final class EventJsonWriter {

  /** Fields written after the event's own, inside its object. */
  @FunctionalInterface
  public interface ExtraFields {
    ExtraFields NONE = generator -> {};

    void write(JsonGenerator generator) throws IOException;
  }

  private EventJsonWriter() {}

  /** {@code event} as one JSON object, ending with what {@code extra} writes. */
  public static void write(JsonGenerator g, UniversalEvent event, ExtraFields extra)
      throws IOException {
    g.writeStartObject();
    writeStringOrNull(g, "id", event.getId());
    writeStringOrNull(g, "event_type", event.getEventType());
    g.writeStringField("timestamp", InstantText.format(event.getTimestamp()));
    writeStringOrNull(g, "version", event.getVersion());
    EventSource source = event.getSource();
    if (source != null
        && (source.getComponent() != null
            || source.getInstanceId() != null
            || source.getCorrelationId() != null)) {
      g.writeObjectFieldStart("source");
      writeIfPresent(g, "component", source.getComponent());
      writeIfPresent(g, "instance_id", source.getInstanceId());
      writeIfPresent(g, "correlation_id", source.getCorrelationId());
      g.writeEndObject();
    }
    g.writeFieldName("data");
    JsonData.write(g, event.getData());
    Map<String, String> metadata = event.getMetadata();
    if (metadata != null && !metadata.isEmpty()) {
      g.writeObjectFieldStart("metadata");
      Object[] keys = metadata.keySet().toArray();
      Arrays.sort(keys);
      for (Object key : keys) {
        writeStringOrNull(g, (String) key, metadata.get(key));
      }
      g.writeEndObject();
    }
    g.writeStringField("priority", event.getPriority().name().toLowerCase(Locale.ROOT));
    Long ttl = event.getTtlSeconds();
    if (ttl != null) {
      long value = ttl;
      if (value == (int) value) {
        g.writeNumberField("ttl_seconds", (int) value);
      } else {
        g.writeNumberField("ttl_seconds", value);
      }
    }
    extra.write(g);
    g.writeEndObject();
  }

  private static void writeIfPresent(JsonGenerator g, String name, String value)
      throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** As {@code ObjectNode.put(name, (String) null)}: JSON null. */
  private static void writeStringOrNull(JsonGenerator g, String name, String value)
      throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }
}
