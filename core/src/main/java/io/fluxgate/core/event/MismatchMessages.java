package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The messages of {@link TypedData}'s validation errors, always {@code expected <type>, found
 * <value>} with an optional {@code (<reason>)}, e.g. {@code expected double, found string "abc"} or
 * {@code expected int, found number 2147483648 (out of the int range)}. A producer reads them
 * without knowing Avro's JSON encoding, so the expected type says which JSON form it takes.
 */
final class MismatchMessages {

  private static final int MAX_SHOWN_CHARS = 40;
  private static final int MAX_SHOWN_SYMBOLS = 20;

  private MismatchMessages() {}

  static String mismatch(Schema expected, JsonNode found, String reason) {
    String message = "expected " + expected(expected) + ", found " + found(found);
    return reason == null ? message : message + " (" + reason + ")";
  }

  static String missing(Schema expected) {
    return "expected " + expected(expected) + ", found nothing";
  }

  static String unknown(Schema record, JsonNode found) {
    return "expected nothing (record "
        + record.getFullName()
        + " has no such field), found "
        + found(found);
  }

  /** The expected type with the JSON form it takes where that is not obvious. */
  static String expected(Schema schema) {
    LogicalValues.Kind kind = LogicalValues.kindOf(schema);
    if (kind != null) {
      return switch (kind) {
        case DECIMAL, BIG_DECIMAL -> shortName(schema) + " (number or numeric string)";
        case UUID -> "uuid (string such as 550e8400-e29b-41d4-a716-446655440000)";
        case DATE -> "date (ISO date such as 2025-07-25, or days since 1970-01-01)";
        case TIME_MILLIS, TIME_MICROS ->
            shortName(schema)
                + " (ISO time such as 10:30:45.123, or "
                + unit(kind)
                + " of the day)";
        case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS ->
            shortName(schema)
                + " (RFC 3339 date-time such as 2025-07-25T10:30:45.123Z, or "
                + unit(kind)
                + " since 1970-01-01T00:00:00Z)";
        case LOCAL_TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MICROS, LOCAL_TIMESTAMP_NANOS ->
            shortName(schema)
                + " (ISO local date-time such as 2025-07-25T10:30:45.123, or "
                + unit(kind)
                + " since 1970-01-01T00:00:00)";
      };
    }
    return switch (schema.getType()) {
      case BYTES -> "bytes (base64 string)";
      case FIXED -> shortName(schema) + " (base64 string of " + schema.getFixedSize() + " bytes)";
      case ENUM -> shortName(schema) + " (one of " + symbols(schema.getEnumSymbols()) + ")";
      case MAP -> "map (object)";
      case RECORD -> shortName(schema) + " (object)";
      default -> shortName(schema);
    };
  }

  /** The type's name: its logical type, Avro type, or kind and full name for a named type. */
  static String shortName(Schema schema) {
    LogicalValues.Kind kind = LogicalValues.kindOf(schema);
    if (kind == LogicalValues.Kind.DECIMAL) {
      LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
      return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
    }
    if (kind != null) {
      return schema.getLogicalType().getName();
    }
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> schema.getType().getName() + " " + schema.getFullName();
      case UNION -> {
        StringBuilder sb = new StringBuilder("one of [");
        List<Schema> branches = schema.getTypes();
        for (int i = 0; i < branches.size(); i++) {
          sb.append(i == 0 ? "" : ", ").append(shortName(branches.get(i)));
        }
        yield sb.append(']').toString();
      }
      default -> schema.getType().getName();
    };
  }

  /** What a JSON value is, with the value itself for scalars (long ones shortened). */
  static String found(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case NULL -> "null";
      case BOOLEAN -> "boolean " + node.booleanValue();
      case NUMBER -> "number " + shorten(node.asText());
      case STRING -> "string " + quoted(node.textValue());
      case ARRAY -> "array";
      case OBJECT -> "object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String quoted(String text) {
    if (text.length() <= MAX_SHOWN_CHARS) {
      return TextNode.valueOf(text).toString();
    }
    int end = MAX_SHOWN_CHARS;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return TextNode.valueOf(text.substring(0, end)).toString() + "...";
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }

  private static String symbols(List<String> symbols) {
    if (symbols.size() <= MAX_SHOWN_SYMBOLS) {
      return String.join(", ", symbols);
    }
    return String.join(", ", symbols.subList(0, MAX_SHOWN_SYMBOLS)) + ", ...";
  }

  private static String unit(LogicalValues.Kind kind) {
    return switch ((int) kind.perSecond) {
      case 1_000 -> "milliseconds";
      case 1_000_000 -> "microseconds";
      default -> "nanoseconds";
    };
  }
}
