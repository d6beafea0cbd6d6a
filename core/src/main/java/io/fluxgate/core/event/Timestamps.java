package io.fluxgate.core.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** RFC 3339 timestamps: {@code 2025-07-25T10:30:45.123456+02:00}, any offset, up to 9 digits. */
final class Timestamps {

  /** Strict RFC 3339: a 4-digit year, seconds, an optional fraction and a mandatory offset. */
  static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private Timestamps() {}

  /**
   * Parses an RFC 3339 date-time, truncated to whole microseconds (the Avro precision).
   *
   * @throws java.time.format.DateTimeParseException when {@code text} is not RFC 3339
   */
  static Instant parse(String text) {
    return OffsetDateTime.parse(text, RFC_3339).toInstant().truncatedTo(ChronoUnit.MICROS);
  }
}
