package io.fluxgate.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro schema of a value the serializer accepts, and the Java form each side of the serde uses
 * for Avro's primitives: records carry their schema, Java primitives map to Avro's primitive types
 * as in Confluent's serializer, and {@code bytes} is a {@code byte[]} to users but a {@link
 * ByteBuffer} to Avro.
 */
final class AvroValues {
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private AvroValues() {}

  /**
   * The schema {@code value} is written with.
   *
   * @throws SerializationException for a type Avro cannot write without a schema
   */
  static Schema schemaOf(Object value) {
    if (value instanceof GenericContainer container) {
      return container.getSchema();
    }
    if (value instanceof CharSequence) {
      return STRING;
    }
    if (value instanceof Integer) {
      return INT;
    }
    if (value instanceof Long) {
      return LONG;
    }
    if (value instanceof Float) {
      return FLOAT;
    }
    if (value instanceof Double) {
      return DOUBLE;
    }
    if (value instanceof Boolean) {
      return BOOLEAN;
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return BYTES;
    }
    throw new SerializationException(
        "Cannot serialize a "
            + value.getClass().getName()
            + " as Avro: expected a GenericRecord, a SpecificRecord, another GenericContainer, or"
            + " a String, Integer, Long, Float, Double, Boolean or byte[]");
  }

  /** What Avro's datum writers expect for {@code value}. */
  static Object toAvro(Object value) {
    return value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
  }

  /** What the deserializer returns for a value Avro read: Strings and byte arrays at the top. */
  static Object fromAvro(Object value) {
    if (value instanceof CharSequence text && !(value instanceof String)) {
      return text.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return value;
  }
}
