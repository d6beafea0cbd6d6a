package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a new subscription starts: only events published from now on ({@link #LATEST}), every
 * retained event ({@link #EARLIEST}), or the events published at or after a time ({@link
 * #at(Instant)}, written as an RFC 3339 date-time).
 *
 * <p>{@code LATEST} and {@code EARLIEST} are single instances, so they compare with {@code ==}.
 */
public final class StartPosition {
  public static final StartPosition LATEST = new StartPosition("latest", null);
  public static final StartPosition EARLIEST = new StartPosition("earliest", null);

  private final String wireName;
  private final Instant time;

  private StartPosition(String wireName, Instant time) {
    this.wireName = wireName;
    this.time = time;
  }

  /** The events published (record timestamp) at or after {@code time}. */
  public static StartPosition at(Instant time) {
    Objects.requireNonNull(time, "time");
    return new StartPosition(time.toString(), time);
  }

  /** The time a time-based start begins at; empty for {@code latest} and {@code earliest}. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }

  /**
   * Whether a subscription starting here takes an event stamped {@code timestampMillis}: a start
   * time excludes older events, wherever they lie in the log; the named positions take any.
   */
  public boolean admits(long timestampMillis) {
    return time == null || timestampMillis >= time.toEpochMilli();
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /**
   * Reads {@code latest}, {@code earliest} or an RFC 3339 date-time with any offset.
   *
   * @throws IllegalArgumentException for anything else
   */
  @JsonCreator
  public static StartPosition fromWireName(String value) {
    if (LATEST.wireName.equals(value)) {
      return LATEST;
    }
    if (EARLIEST.wireName.equals(value)) {
      return EARLIEST;
    }
    if (value != null) {
      try {
        return at(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "start must be 'latest', 'earliest' or an RFC 3339 date-time such as"
            + " '2026-01-31T12:00:00Z', was '"
            + value
            + "'");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StartPosition that
        && wireName.equals(that.wireName)
        && Objects.equals(time, that.time);
  }

  @Override
  public int hashCode() {
    return wireName.hashCode();
  }

  @Override
  public String toString() {
    return wireName;
  }
}
