package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;

/**
 * Writes a {@link UniversalEvent} as Avro binary of its generic envelope by hand, field by field in
 * schema order, with the same bytes as {@code SpecificDatumWriter} but without its per-value schema
 * walk, union resolution and encoder. Publishing spent a quarter of its CPU in the generic writer.
 *
 * <p>It only writes what the generated classes hold ({@code String}, {@code Long}, {@link
 * JsonNumber}, lists of {@link JsonValue}...). For anything else, including a {@code null} where
 * the schema allows none, {@link #write} declines and the caller falls back to Avro's own writer,
 * which either writes the value its way or rejects it: output and errors stay those of Avro.
 *
 * <p>{@code UniversalEvent.avsc} stays the source of truth: the class refuses to load when the
 * schema's shape (names, order, types, logical types) is not {@link #HANDLED_SHAPE}, the one this
 * code writes.
 */
final class UniversalEventWriter {

  /** The envelope layout written below, as {@link #shape} renders it. */
  static final String HANDLED_SHAPE =
      "io.fluxgate.schemas.avro.UniversalEvent{event_type:string,id:string,"
          + "timestamp:long@timestamp-micros,version:string,"
          + "priority:io.fluxgate.schemas.avro.Priority[CRITICAL,HIGH,NORMAL,LOW],"
          + "source:io.fluxgate.schemas.avro.EventSource{component:[null,string],"
          + "instance_id:[null,string],correlation_id:[null,string]},ttl_seconds:[null,long],"
          + "metadata:map<string>,data:io.fluxgate.schemas.avro.JsonValue{value:[null,boolean,"
          + "long,string,io.fluxgate.schemas.avro.JsonNumber{text:string},"
          + "array<io.fluxgate.schemas.avro.JsonValue>,io.fluxgate.schemas.avro.JsonObject{"
          + "fields:array<io.fluxgate.schemas.avro.JsonField{name:string,"
          + "value:io.fluxgate.schemas.avro.JsonValue}>}]}}";

  static final Schema TIMESTAMP = UniversalEvent.getClassSchema().getField("timestamp").schema();
  static final LogicalType TIMESTAMP_TYPE = TIMESTAMP.getLogicalType();
  static final TimeConversions.TimestampMicrosConversion MICROS =
      new TimeConversions.TimestampMicrosConversion();

  // Branch indexes of JsonValue.value, in the union's order; UniversalEventReader reads the same.
  static final int NULL = 0;
  static final int BOOLEAN = 1;
  static final int LONG = 2;
  static final int STRING = 3;
  static final int NUMBER = 4;
  static final int ARRAY = 5;
  static final int OBJECT = 6;

  static {
    String actual = shape(UniversalEvent.getClassSchema());
    if (!HANDLED_SHAPE.equals(actual)) {
      throw new IllegalStateException(
          "UniversalEvent.avsc changed shape; update UniversalEventWriter. Schema: " + actual);
    }
  }

  /** Thrown inside the writer when a value is not one it writes; never escapes {@link #write}. */
  private static final class Declined extends RuntimeException {
    Declined() {
      super("declined", null, false, false);
    }
  }

  private static final Declined DECLINED = new Declined();

  private UniversalEventWriter() {}

  /**
   * Appends {@code event}'s Avro binary to {@code out}.
   *
   * @return false, with {@code out} as it was, when the event holds a value this writer does not
   *     write (a {@code null} where the schema allows none, a datum of another class); the caller
   *     then uses Avro's writer
   */
  static boolean write(UniversalEvent event, AvroBinaryBuffer out) {
    int start = out.size();
    try {
      head(event, out);
      writeValue(present(event.getData()), out);
      return true;
    } catch (Declined e) {
      out.truncate(start);
      return false;
    }
  }

  /**
   * Appends every envelope field but the last, {@code data}, as a typed envelope starts.
   *
   * @return false, with {@code out} as it was, as for {@link #write}
   */
  static boolean writeHead(UniversalEvent event, AvroBinaryBuffer out) {
    int start = out.size();
    try {
      head(event, out);
      return true;
    } catch (Declined e) {
      out.truncate(start);
      return false;
    }
  }

  private static void head(UniversalEvent event, AvroBinaryBuffer out) {
    out.writeString(present(event.getEventType()));
    out.writeString(present(event.getId()));
    out.writeLong(micros(present(event.getTimestamp())));
    out.writeString(present(event.getVersion()));
    Priority priority = present(event.getPriority());
    out.writeLong(priority.ordinal());
    EventSource source = present(event.getSource());
    writeOptional(source.getComponent(), out);
    writeOptional(source.getInstanceId(), out);
    writeOptional(source.getCorrelationId(), out);
    Long ttl = event.getTtlSeconds();
    if (ttl == null) {
      out.writeLong(0);
    } else {
      out.writeLong(1);
      out.writeLong(ttl);
    }
    writeMetadata(present(event.getMetadata()), out);
  }

  private static long micros(Instant timestamp) {
    try {
      return MICROS.toLong(timestamp, TIMESTAMP, TIMESTAMP_TYPE);
    } catch (ArithmeticException e) {
      throw DECLINED; // Avro's writer reports it its own way
    }
  }

  private static void writeOptional(String text, AvroBinaryBuffer out) {
    if (text == null) {
      out.writeLong(0);
    } else {
      out.writeLong(1);
      out.writeString(text);
    }
  }

  private static void writeMetadata(Map<String, String> metadata, AvroBinaryBuffer out) {
    int size = metadata.size();
    if (size > 0) {
      out.writeLong(size);
      int written = 0;
      for (Map.Entry<?, ?> entry : metadata.entrySet()) {
        out.writeString(text(entry.getKey()));
        out.writeString(text(entry.getValue()));
        written++;
      }
      if (written != size) {
        throw DECLINED;
      }
    }
    out.writeLong(0);
  }

  private static void writeValue(JsonValue json, AvroBinaryBuffer out) {
    Object value = json.getValue();
    if (value == null) {
      out.writeLong(NULL);
    } else if (value instanceof Boolean bool) {
      out.writeLong(BOOLEAN);
      out.writeBoolean(bool);
    } else if (value instanceof Long number) {
      out.writeLong(LONG);
      out.writeLong(number);
    } else if (value instanceof CharSequence text) {
      out.writeLong(STRING);
      out.writeString(text);
    } else if (value instanceof JsonNumber number) {
      out.writeLong(NUMBER);
      out.writeString(present(number.getText()));
    } else if (value instanceof List<?> items) {
      out.writeLong(ARRAY);
      writeItems(items, out);
    } else if (value instanceof JsonObject object) {
      out.writeLong(OBJECT);
      writeItems(present(object.getFields()), out);
    } else {
      throw DECLINED;
    }
  }

  /** An Avro array of JsonValue or JsonField items. */
  private static void writeItems(List<?> items, AvroBinaryBuffer out) {
    int size = items.size();
    if (size > 0) {
      out.writeLong(size);
      int written = 0;
      for (Object item : items) {
        if (item instanceof JsonValue value) {
          writeValue(value, out);
        } else if (item instanceof JsonField field) {
          out.writeString(present(field.getName()));
          writeValue(present(field.getValue()), out);
        } else {
          throw DECLINED;
        }
        written++;
      }
      if (written != size) {
        throw DECLINED;
      }
    }
    out.writeLong(0);
  }

  private static CharSequence text(Object value) {
    if (value instanceof CharSequence text) {
      return text;
    }
    throw DECLINED;
  }

  private static <T> T present(T value) {
    if (value == null) {
      throw DECLINED;
    }
    return value;
  }

  /**
   * A compact rendering of what decides a schema's binary layout: record and field names in order,
   * types, union branches, enum symbols, logical types. Named types are expanded once, then named.
   */
  static String shape(Schema schema) {
    return shape(schema, new HashSet<>());
  }

  private static String shape(Schema schema, Set<String> seen) {
    String logical = schema.getLogicalType() == null ? "" : "@" + schema.getLogicalType().getName();
    return switch (schema.getType()) {
      case RECORD -> {
        if (!seen.add(schema.getFullName())) {
          yield schema.getFullName();
        }
        yield schema.getFullName()
            + schema.getFields().stream()
                .map(field -> field.name() + ":" + shape(field.schema(), seen))
                .collect(Collectors.joining(",", "{", "}"));
      }
      case ENUM -> {
        seen.add(schema.getFullName());
        yield schema.getFullName() + schema.getEnumSymbols().toString().replace(" ", "");
      }
      case ARRAY -> "array<" + shape(schema.getElementType(), seen) + ">";
      case MAP -> "map<" + shape(schema.getValueType(), seen) + ">";
      case UNION ->
          schema.getTypes().stream()
              .map(branch -> shape(branch, seen))
              .collect(Collectors.joining(",", "[", "]"));
      case FIXED -> schema.getFullName() + "(" + schema.getFixedSize() + ")" + logical;
      default -> schema.getName() + logical;
    };
  }
}
