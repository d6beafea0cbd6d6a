package io.fluxgate.gateway.core.query;

import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.gateway.core.Rfc3339;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.gateway.errors.InvalidPatternExceptionMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks the parameters of {@code GET /v1/events} before anything touches Kafka, and refuses them
 * with one 400 {@code invalid_query} that lists every problem with its field.
 *
 * <pre>{@code
 * EventQuery query = EventQueryValidator.validate("agent.*", from, to, "100", null);
 * }</pre>
 */
public final class EventQueryValidator {
  private EventQueryValidator() {}

  public static EventQuery validate(
      String type, String from, String to, String limit, String cursor) {
    List<Map<String, Object>> problems = new ArrayList<>();
    GlobPattern pattern = GlobPattern.compile("**");
    if (type != null) {
      try {
        pattern = GlobPattern.compile(type);
      } catch (InvalidPatternException e) {
        problems.add(InvalidPatternExceptionMapper.detail(e, "type"));
      }
    }
    Instant fromTime = time("from", from, problems);
    Instant toTime = time("to", to, problems);
    if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
      problems.add(problem("from", "from (" + from + ") is after to (" + to + ")"));
    }
    int max = EventQuery.DEFAULT_LIMIT;
    if (limit != null) {
      try {
        max = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1 || max > EventQuery.MAX_LIMIT) {
        problems.add(
            Map.of(
                "field",
                "limit",
                "message",
                "limit must be an integer from 1 to "
                    + EventQuery.MAX_LIMIT
                    + ", was '"
                    + limit
                    + "'",
                "min",
                1,
                "max",
                EventQuery.MAX_LIMIT));
      }
    }
    QueryCursor continued = null;
    if (cursor != null) {
      try {
        continued = QueryCursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        problems.add(problem("cursor", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid_query", "the query is invalid", problems);
    }
    return new EventQuery(pattern, fromTime, toTime, max, continued, event -> true);
  }

  private static Instant time(String field, String value, List<Map<String, Object>> problems) {
    if (value == null) {
      return null;
    }
    return Rfc3339.parse(value)
        .orElseGet(
            () -> {
              problems.add(
                  problem(field, field + " must be an RFC 3339 time, was '" + value + "'"));
              return null;
            });
  }

  private static Map<String, Object> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
