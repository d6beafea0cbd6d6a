package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.regex.Pattern;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;

/**
 * The natural JSON forms of Avro's logical types, in both directions: decimals as exact numbers (or
 * numeric strings), uuids as text, temporal values as {@link TemporalValues} says. Kept in one
 * place so that what {@link TypedData#toJson} writes, {@link TypedData#toAvro} reads back to the
 * same datum.
 */
final class LogicalValues {

  /** The logical types with a JSON form of their own; any other falls back to its base type. */
  enum Kind {
    DECIMAL(0),
    BIG_DECIMAL(0),
    UUID(0),
    DATE(0),
    TIME_MILLIS(1_000L),
    TIME_MICROS(1_000_000L),
    TIMESTAMP_MILLIS(1_000L),
    TIMESTAMP_MICROS(1_000_000L),
    TIMESTAMP_NANOS(1_000_000_000L),
    LOCAL_TIMESTAMP_MILLIS(1_000L),
    LOCAL_TIMESTAMP_MICROS(1_000_000L),
    LOCAL_TIMESTAMP_NANOS(1_000_000_000L);

    /** Units per second of a time or timestamp; 0 for the others. */
    final long perSecond;

    Kind(long perSecond) {
      this.perSecond = perSecond;
    }

    boolean local() {
      return this == LOCAL_TIMESTAMP_MILLIS
          || this == LOCAL_TIMESTAMP_MICROS
          || this == LOCAL_TIMESTAMP_NANOS;
    }
  }

  /** A value of the right JSON type in a form the logical type refuses; the message says why. */
  static final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidValue(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Conversions.BigDecimalConversion BIG_DECIMAL =
      new Conversions.BigDecimalConversion();

  private LogicalValues() {}

  /** The logical type of {@code schema} that has a JSON form of its own, or null. */
  static Kind kindOf(Schema schema) {
    LogicalType type = schema.getLogicalType();
    if (type == null) {
      return null;
    }
    return switch (type.getName()) {
      case "decimal" -> Kind.DECIMAL;
      case "big-decimal" -> Kind.BIG_DECIMAL;
      case "uuid" -> Kind.UUID;
      case "date" -> Kind.DATE;
      case "time-millis" -> Kind.TIME_MILLIS;
      case "time-micros" -> Kind.TIME_MICROS;
      case "timestamp-millis" -> Kind.TIMESTAMP_MILLIS;
      case "timestamp-micros" -> Kind.TIMESTAMP_MICROS;
      case "timestamp-nanos" -> Kind.TIMESTAMP_NANOS;
      case "local-timestamp-millis" -> Kind.LOCAL_TIMESTAMP_MILLIS;
      case "local-timestamp-micros" -> Kind.LOCAL_TIMESTAMP_MICROS;
      case "local-timestamp-nanos" -> Kind.LOCAL_TIMESTAMP_NANOS;
      default -> null;
    };
  }

  /**
   * The raw Avro datum of {@code node}, a string or number, for {@code schema} of logical type
   * {@code kind}.
   */
  static Object read(Kind kind, Schema schema, JsonNode node) throws InvalidValue {
    return switch (kind) {
      case DECIMAL -> decimal(schema, decimalValue(node));
      case BIG_DECIMAL -> BIG_DECIMAL.toBytes(decimalValue(node), schema, schema.getLogicalType());
      case UUID -> uuid(schema, node.textValue());
      default -> TemporalValues.read(kind, schema, node);
    };
  }

  /** The JSON form of {@code datum}, a raw Avro datum (or its usual Java conversion). */
  static JsonNode write(Kind kind, Schema schema, Object datum) {
    return switch (kind) {
      case DECIMAL, BIG_DECIMAL -> TypedDataWriter.number(decimalOf(kind, schema, datum));
      case UUID ->
          TextNode.valueOf(
              datum instanceof GenericFixed fixed ? uuidText(fixed.bytes()) : datum.toString());
      default -> TextNode.valueOf(TemporalValues.text(kind, datum));
    };
  }

  private static BigDecimal decimalValue(JsonNode node) throws InvalidValue {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    try {
      return new BigDecimal(node.textValue());
    } catch (NumberFormatException e) {
      throw new InvalidValue("not a number");
    }
  }

  private static Object decimal(Schema schema, BigDecimal value) throws InvalidValue {
    LogicalTypes.Decimal type = (LogicalTypes.Decimal) schema.getLogicalType();
    int scale = type.getScale();
    int integerDigits = type.getPrecision() - scale;
    BigDecimal exact;
    if (value.signum() == 0) {
      exact = BigDecimal.ZERO.setScale(scale);
    } else {
      // Checked before any rescaling, so that 1e999999999 costs nothing.
      if (value.precision() - value.scale() > integerDigits) {
        throw new InvalidValue("more than " + integerDigits + " integer digits");
      }
      BigDecimal stripped = value.stripTrailingZeros();
      if (stripped.scale() > scale) {
        throw new InvalidValue("more than " + scale + " decimal places");
      }
      exact = stripped.setScale(scale);
    }
    byte[] unscaled = exact.unscaledValue().toByteArray();
    if (schema.getType() == Schema.Type.BYTES) {
      return ByteBuffer.wrap(unscaled);
    }
    int size = schema.getFixedSize();
    if (unscaled.length > size) {
      throw new InvalidValue("does not fit " + size + " bytes");
    }
    byte[] fixed = new byte[size];
    byte pad = (byte) (exact.signum() < 0 ? 0xFF : 0x00);
    for (int i = 0; i < size - unscaled.length; i++) {
      fixed[i] = pad;
    }
    System.arraycopy(unscaled, 0, fixed, size - unscaled.length, unscaled.length);
    return new GenericData.Fixed(schema, fixed);
  }

  private static BigDecimal decimalOf(Kind kind, Schema schema, Object datum) {
    if (datum instanceof BigDecimal decimal) {
      return decimal;
    }
    if (kind == Kind.BIG_DECIMAL) {
      return BIG_DECIMAL.fromBytes(((ByteBuffer) datum).duplicate(), schema, null);
    }
    byte[] bytes;
    if (datum instanceof GenericFixed fixed) {
      bytes = fixed.bytes();
    } else {
      ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
      bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
    }
    BigInteger unscaled = bytes.length == 0 ? BigInteger.ZERO : new BigInteger(bytes);
    return new BigDecimal(unscaled, ((LogicalTypes.Decimal) schema.getLogicalType()).getScale());
  }

  private static Object uuid(Schema schema, String text) throws InvalidValue {
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new InvalidValue("not a UUID");
    }
    if (schema.getType() == Schema.Type.STRING) {
      return text;
    }
    java.util.UUID uuid = java.util.UUID.fromString(text);
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return new GenericData.Fixed(schema, bytes.array());
  }

  private static String uuidText(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new java.util.UUID(buffer.getLong(), buffer.getLong()).toString();
  }
}
