package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Reads JSON scalars as Avro primitives, fixed and enum symbols. Integers must be integral JSON
 * numbers in range ({@code 1.0} is not an int); float and double take any number, correctly
 * rounded, and the names {@code NaN}, {@code Infinity}, {@code -Infinity}; bytes and fixed are
 * base64 (RFC 4648, standard alphabet).
 */
final class ScalarValues {

  private ScalarValues() {}

  /**
   * The datum of {@code node}, which has the JSON shape of {@code schema} ({@link
   * JsonShapes#fits}).
   *
   * @throws LogicalValues.InvalidValue saying why the value is refused, or with no message when its
   *     JSON type alone is wrong
   */
  static Object read(Schema schema, JsonNode node) throws LogicalValues.InvalidValue {
    return switch (schema.getType()) {
      case NULL -> null;
      case BOOLEAN -> node.booleanValue();
      case INT -> {
        requireIntegral(node);
        if (!node.canConvertToInt()) {
          throw new LogicalValues.InvalidValue("out of the int range");
        }
        yield node.intValue();
      }
      case LONG -> {
        requireIntegral(node);
        if (!node.canConvertToLong()) {
          throw new LogicalValues.InvalidValue("out of the long range");
        }
        yield node.longValue();
      }
      case FLOAT, DOUBLE -> floating(schema.getType() == Schema.Type.FLOAT, node);
      case STRING -> node.textValue();
      case BYTES, FIXED -> binary(schema, node.textValue());
      case ENUM -> {
        if (!schema.hasEnumSymbol(node.textValue())) {
          throw new LogicalValues.InvalidValue(null);
        }
        yield new GenericData.EnumSymbol(schema, node.textValue());
      }
      default -> throw new IllegalArgumentException("not a scalar type: " + schema.getType());
    };
  }

  static boolean isScalar(Schema.Type type) {
    return type != Schema.Type.ARRAY
        && type != Schema.Type.MAP
        && type != Schema.Type.RECORD
        && type != Schema.Type.UNION;
  }

  private static void requireIntegral(JsonNode node) throws LogicalValues.InvalidValue {
    if (!node.isIntegralNumber()) {
      throw new LogicalValues.InvalidValue("not an integer");
    }
  }

  private static Object floating(boolean isFloat, JsonNode node) throws LogicalValues.InvalidValue {
    if (node.isTextual()) {
      // JSON has no NaN or infinities; their names stand in for them, as in Avro's own JSON.
      double special = Double.parseDouble(node.textValue());
      return isFloat ? (Object) (float) special : (Object) special;
    }
    boolean binary = node.isDouble() || node.isFloat();
    if (isFloat) {
      float value = binary ? node.floatValue() : node.decimalValue().floatValue();
      if (Float.isInfinite(value)) {
        throw new LogicalValues.InvalidValue("out of the float range");
      }
      return value;
    }
    double value = binary ? node.doubleValue() : node.decimalValue().doubleValue();
    if (Double.isInfinite(value)) {
      throw new LogicalValues.InvalidValue("out of the double range");
    }
    return value;
  }

  private static Object binary(Schema schema, String text) throws LogicalValues.InvalidValue {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new LogicalValues.InvalidValue("not base64");
    }
    if (schema.getType() == Schema.Type.BYTES) {
      return ByteBuffer.wrap(bytes);
    }
    if (bytes.length != schema.getFixedSize()) {
      throw new LogicalValues.InvalidValue(bytes.length + " bytes");
    }
    return new GenericData.Fixed(schema, bytes);
  }
}
