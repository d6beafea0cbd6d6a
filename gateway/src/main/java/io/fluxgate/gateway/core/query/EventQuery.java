package io.fluxgate.gateway.core.query;

import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One page of a historical query: events whose type matches {@code type}, published in {@code
 * [from, to)} (either end open when null), at most {@code limit} of them, continuing after {@code
 * cursor} when it is not null. {@code filter} is applied to decoded events that match the type; it
 * is where a content filter ({@code filter=}) plugs in.
 */
public record EventQuery(
    GlobPattern type,
    Instant from,
    Instant to,
    int limit,
    QueryCursor cursor,
    Predicate<UniversalEvent> filter) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1_000;

  public EventQuery {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(filter, "filter");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("from must not be after to");
    }
  }

  /** The same query with a content filter on the decoded events. */
  public EventQuery withFilter(Predicate<UniversalEvent> contentFilter) {
    return new EventQuery(type, from, to, limit, cursor, contentFilter);
  }
}
