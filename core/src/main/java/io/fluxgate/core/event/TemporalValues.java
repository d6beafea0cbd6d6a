package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.avro.Schema;

/**
 * The JSON forms of Avro's date, time and timestamp logical types: ISO 8601 text (RFC 3339 with an
 * offset for timestamps, none for local ones) or an integer in the schema's unit, read with digits
 * finer than the unit truncated (as the envelope's own timestamp is) and written as text, instants
 * in UTC.
 */
final class TemporalValues {

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private TemporalValues() {}

  /** The raw datum (int or long) of {@code node}, a string or number, for a temporal kind. */
  static Object read(LogicalValues.Kind kind, Schema schema, JsonNode node)
      throws LogicalValues.InvalidValue {
    return switch (kind) {
      case DATE -> node.isNumber() ? (Object) intValue(node) : (Object) epochDay(node.textValue());
      case TIME_MILLIS, TIME_MICROS -> time(kind, schema, node);
      default -> timestamp(kind, node);
    };
  }

  /** The text of {@code datum}, a raw int or long or the usual java.time conversion. */
  static String text(LogicalValues.Kind kind, Object datum) {
    return switch (kind) {
      case DATE ->
          datum instanceof LocalDate date
              ? date.toString()
              : LocalDate.ofEpochDay(((Number) datum).intValue()).toString();
      case TIME_MILLIS, TIME_MICROS -> timeText(kind, datum);
      default -> timestampText(kind, datum);
    };
  }

  private static int intValue(JsonNode node) throws LogicalValues.InvalidValue {
    if (!node.isIntegralNumber()) {
      throw new LogicalValues.InvalidValue("not an integer");
    }
    if (!node.canConvertToInt()) {
      throw new LogicalValues.InvalidValue("out of the int range");
    }
    return node.intValue();
  }

  private static long longValue(JsonNode node) throws LogicalValues.InvalidValue {
    if (!node.isIntegralNumber()) {
      throw new LogicalValues.InvalidValue("not an integer");
    }
    if (!node.canConvertToLong()) {
      throw new LogicalValues.InvalidValue("out of the long range");
    }
    return node.longValue();
  }

  private static int epochDay(String text) throws LogicalValues.InvalidValue {
    try {
      long day = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay();
      if (day != (int) day) {
        throw new LogicalValues.InvalidValue("out of the date range");
      }
      return (int) day;
    } catch (DateTimeParseException e) {
      throw new LogicalValues.InvalidValue("not an ISO date");
    }
  }

  private static Object time(LogicalValues.Kind kind, Schema schema, JsonNode node)
      throws LogicalValues.InvalidValue {
    long nanosPerUnit = 1_000_000_000L / kind.perSecond;
    long value;
    if (node.isNumber()) {
      value = schema.getType() == Schema.Type.INT ? intValue(node) : longValue(node);
      if (value < 0 || value >= NANOS_PER_DAY / nanosPerUnit) {
        throw new LogicalValues.InvalidValue("not a time of day");
      }
    } else {
      try {
        value =
            LocalTime.parse(node.textValue(), DateTimeFormatter.ISO_LOCAL_TIME).toNanoOfDay()
                / nanosPerUnit;
      } catch (DateTimeParseException e) {
        throw new LogicalValues.InvalidValue("not an ISO time");
      }
    }
    return schema.getType() == Schema.Type.INT ? (Object) (int) value : (Object) value;
  }

  private static String timeText(LogicalValues.Kind kind, Object datum) {
    LocalTime time =
        datum instanceof LocalTime local
            ? local
            : LocalTime.ofNanoOfDay(
                ((Number) datum).longValue() * (1_000_000_000L / kind.perSecond));
    return DateTimeFormatter.ISO_LOCAL_TIME.format(time);
  }

  private static long timestamp(LogicalValues.Kind kind, JsonNode node)
      throws LogicalValues.InvalidValue {
    if (node.isNumber()) {
      return longValue(node);
    }
    boolean local = kind.local();
    Instant instant;
    try {
      instant =
          local
              ? LocalDateTime.parse(node.textValue(), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                  .toInstant(ZoneOffset.UTC)
              : OffsetDateTime.parse(node.textValue(), Timestamps.RFC_3339).toInstant();
    } catch (DateTimeParseException e) {
      throw new LogicalValues.InvalidValue(
          local ? "not an ISO local date-time" : "not an RFC 3339 date-time");
    }
    try {
      // Sub-unit digits are truncated, as the envelope's own timestamp is.
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), kind.perSecond),
          instant.getNano() / (1_000_000_000L / kind.perSecond));
    } catch (ArithmeticException e) {
      throw new LogicalValues.InvalidValue("out of the range of " + schemaName(kind));
    }
  }

  private static String timestampText(LogicalValues.Kind kind, Object datum) {
    if (datum instanceof Instant instant) {
      return instant.toString();
    }
    if (datum instanceof LocalDateTime local) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local);
    }
    long value = ((Number) datum).longValue();
    Instant instant =
        Instant.ofEpochSecond(
            Math.floorDiv(value, kind.perSecond),
            Math.floorMod(value, kind.perSecond) * (1_000_000_000L / kind.perSecond));
    if (kind.local()) {
      return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
          LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
    return instant.toString();
  }

  private static String schemaName(LogicalValues.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
