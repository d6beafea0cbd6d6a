package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.avro.Schema;

/**
 * Which JSON values could be of an Avro type, judged on their JSON type alone (object, array,
 * string, number...). A union reads a value as a branch of the right shape, so that an error inside
 * the only such branch names its own path instead of "none of the branches".
 */
final class JsonShapes {

  private JsonShapes() {}

  /** Whether {@code node} has the JSON shape that values of {@code schema} take. */
  static boolean fits(Schema schema, JsonNode node) {
    LogicalValues.Kind kind = LogicalValues.kindOf(schema);
    return switch (schema.getType()) {
      case NULL -> node.isNull();
      case BOOLEAN -> node.isBoolean();
      case INT, LONG -> node.isNumber() || (kind != null && node.isTextual());
      case FLOAT, DOUBLE -> node.isNumber() || node.isTextual() && isNonFinite(node.textValue());
      case STRING, ENUM -> node.isTextual();
      case BYTES, FIXED ->
          node.isTextual()
              || node.isNumber()
                  && (kind == LogicalValues.Kind.DECIMAL || kind == LogicalValues.Kind.BIG_DECIMAL);
      case ARRAY -> node.isArray();
      case MAP, RECORD -> node.isObject();
      default -> false;
    };
  }

  /**
   * For a record, whether the members of {@code object} are all fields and hold every field without
   * a default: a cheap test that tells most record branches apart before reading values.
   */
  static boolean membersFit(Schema schema, JsonNode object) {
    if (schema.getType() != Schema.Type.RECORD) {
      return true;
    }
    for (java.util.Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      if (schema.getField(names.next()) == null) {
        return false;
      }
    }
    for (Schema.Field field : schema.getFields()) {
      if (!field.hasDefaultValue() && !object.has(field.name())) {
        return false;
      }
    }
    return true;
  }

  static boolean isNonFinite(String text) {
    return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
  }
}
