package io.fluxgate.core.filter;

import com.google.protobuf.Timestamp;
import dev.cel.common.values.NullValue;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The variables a filter sees for one event, as CEL values.
 *
 * <p>{@code data} keeps its JSON shape: objects become maps, arrays lists, integers that fit a
 * {@code long} CEL {@code int}, every other number a CEL {@code double}, JSON null CEL {@code
 * null}. {@code source} holds only the fields the producer gave, so {@code has(source.component)}
 * tells whether it was given. {@code priority} is the lowercase name used in JSON.
 */
public final class FilterVariables {
  public static final String EVENT_TYPE = "event_type";
  public static final String ID = "id";
  public static final String TIMESTAMP = "timestamp";
  public static final String VERSION = "version";
  public static final String PRIORITY = "priority";
  public static final String SOURCE = "source";
  public static final String METADATA = "metadata";
  public static final String DATA = "data";

  private FilterVariables() {}

  /** The variables of {@code event}; build once per event and share across filters. */
  public static Map<String, Object> of(UniversalEvent event) {
    Map<String, Object> variables = new HashMap<>(16);
    variables.put(EVENT_TYPE, event.getEventType());
    variables.put(ID, event.getId());
    variables.put(TIMESTAMP, timestamp(event.getTimestamp()));
    variables.put(VERSION, event.getVersion());
    variables.put(PRIORITY, event.getPriority().name().toLowerCase(Locale.ROOT));
    variables.put(SOURCE, source(event.getSource()));
    variables.put(METADATA, metadata(event.getMetadata()));
    variables.put(DATA, data(event.getData()));
    return variables;
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private static Map<String, String> source(EventSource source) {
    Map<String, String> fields = new HashMap<>(4);
    if (source == null) {
      return fields;
    }
    putIfPresent(fields, "component", source.getComponent());
    putIfPresent(fields, "instance_id", source.getInstanceId());
    putIfPresent(fields, "correlation_id", source.getCorrelationId());
    return fields;
  }

  private static void putIfPresent(Map<String, String> fields, String name, CharSequence value) {
    if (value != null) {
      fields.put(name, value.toString());
    }
  }

  private static Map<String, String> metadata(
      Map<? extends CharSequence, ? extends CharSequence> m) {
    Map<String, String> copy = new HashMap<>(m == null ? 1 : m.size() * 2);
    if (m != null) {
      m.forEach((key, value) -> copy.put(key.toString(), value.toString()));
    }
    return copy;
  }

  private static Object data(JsonValue value) {
    return value == null ? NullValue.NULL_VALUE : member(value.getValue());
  }

  private static Object member(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof JsonNumber number) {
      // CEL has no decimals or big integers: the nearest double is what a filter compares.
      return new BigDecimal(number.getText()).doubleValue();
    }
    if (value instanceof List<?> items) {
      List<Object> list = new ArrayList<>(items.size());
      for (Object item : items) {
        list.add(data((JsonValue) item));
      }
      return list;
    }
    if (value instanceof JsonObject object) {
      Map<String, Object> map = new LinkedHashMap<>(object.getFields().size() * 2);
      for (JsonField field : object.getFields()) {
        map.put(field.getName().toString(), data(field.getValue()));
      }
      return map;
    }
    throw new IllegalArgumentException("not a JsonValue member: " + value.getClass().getName());
  }
}
