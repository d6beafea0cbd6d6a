package io.fluxgate.gateway.core.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * One page of query results. When {@code truncated}, {@code reason} says which bound stopped the
 * scan and {@code next.cursor}, passed as {@code ?cursor=} with the same parameters, continues
 * exactly where it stopped.
 */
public record QueryPage(
    @JsonProperty("events") List<ObjectNode> events,
    @JsonProperty("truncated") boolean truncated,
    @JsonProperty("reason") String reason,
    @JsonProperty("next") Next next) {

  /** Why a scan stopped before the end of its range. */
  public enum Reason {
    LIMIT,
    SCAN_BUDGET,
    TIME_BUDGET;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the next page starts. */
  public record Next(@JsonProperty("cursor") String cursor) {}

  static QueryPage complete(List<ObjectNode> events) {
    return new QueryPage(List.copyOf(events), false, null, null);
  }

  static QueryPage truncated(List<ObjectNode> events, Reason reason, QueryCursor next) {
    return new QueryPage(List.copyOf(events), true, reason.wireName(), new Next(next.encode()));
  }
}
