package io.fluxgate.gateway.core.replay;

import io.fluxgate.gateway.core.Rfc3339;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The time range of a replay: {@code from} inclusive ({@code null} for {@code "earliest"}), {@code
 * to} exclusive, never later than now.
 *
 * <pre>{@code
 * ReplayRange range = ReplayRange.parse("earliest", "2025-07-25T10:00:00Z", now); // or 400
 * }</pre>
 */
public record ReplayRange(Instant from, Instant to) {

  /** {@code from} as stored and answered: {@code "earliest"} or the RFC 3339 time. */
  public String fromText() {
    return from == null ? "earliest" : from.toString();
  }

  /**
   * @param to optional; absent or later than {@code now} means now
   * @throws ApiException 400 {@code invalid_replay} naming every bad field
   */
  public static ReplayRange parse(String from, String to, Instant now) {
    List<Map<String, String>> problems = new ArrayList<>();
    Instant start = null;
    if (from == null) {
      problems.add(problem("from", "from is required: 'earliest' or an RFC 3339 time"));
    } else if (!from.equals("earliest")) {
      start = Rfc3339.parse(from).orElse(null);
      if (start == null) {
        problems.add(
            problem("from", "from must be 'earliest' or an RFC 3339 time, was '" + from + "'"));
      }
    }
    Instant end = now;
    if (to != null) {
      Instant parsed = Rfc3339.parse(to).orElse(null);
      if (parsed == null) {
        problems.add(problem("to", "to must be an RFC 3339 time, was '" + to + "'"));
      } else if (parsed.isBefore(now)) {
        end = parsed;
      }
    }
    if (problems.isEmpty() && start != null && start.isAfter(end)) {
      problems.add(problem("from", "from (" + from + ") is after to (" + end + ")"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_replay",
          problems.size() == 1 ? problems.get(0).get("message") : "the replay request is invalid",
          problems);
    }
    return new ReplayRange(start, end);
  }

  private static Map<String, String> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
