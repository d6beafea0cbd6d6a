package io.fluxgate.gateway.core;

import io.fluxgate.gateway.errors.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a seek moves a subscription: the beginning or the end of its topic, or the first event at
 * or after a time.
 *
 * <pre>{@code
 * SeekTarget target = SeekTarget.parse("2025-07-25T10:00:00Z"); // or ApiException(400)
 * }</pre>
 */
public sealed interface SeekTarget {

  /** The oldest retained event. */
  record Earliest() implements SeekTarget {}

  /** Past the newest event: only events routed from now on are delivered. */
  record Latest() implements SeekTarget {}

  /** The first event whose Kafka timestamp is at or after {@code time}. */
  record AtTime(Instant time) implements SeekTarget {}

  /**
   * @throws ApiException 400 {@code invalid_seek} naming the field {@code to}
   */
  static SeekTarget parse(String to) {
    if (to == null) {
      throw invalid("to is required: 'earliest', 'latest' or an RFC 3339 time");
    }
    return switch (to) {
      case "earliest" -> new Earliest();
      case "latest" -> new Latest();
      default ->
          Rfc3339.parse(to)
              .<SeekTarget>map(AtTime::new)
              .orElseThrow(
                  () ->
                      invalid(
                          "to must be 'earliest', 'latest' or an RFC 3339 time, was '" + to + "'"));
    };
  }

  private static ApiException invalid(String message) {
    return ApiException.badRequest(
        "invalid_seek", message, List.of(Map.of("field", "to", "message", message)));
  }
}
