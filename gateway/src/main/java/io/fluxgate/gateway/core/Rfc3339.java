package io.fluxgate.gateway.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** RFC 3339 date-times in query parameters and request bodies, with any offset. */
public final class Rfc3339 {
  private Rfc3339() {}

  /** The instant {@code text} names, or empty when it is not an RFC 3339 date-time. */
  public static Optional<Instant> parse(String text) {
    try {
      return Optional.of(
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
