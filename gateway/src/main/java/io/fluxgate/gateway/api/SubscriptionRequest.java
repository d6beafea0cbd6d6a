package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /v1/subscriptions}. Unknown properties are refused. */
public record SubscriptionRequest(
    @JsonProperty("name") String name,
    @JsonProperty("patterns") List<String> patterns,
    @JsonProperty("start") String start,
    @JsonProperty("filter") String filter) {

  /** A request without a filter. */
  public SubscriptionRequest(String name, List<String> patterns, String start) {
    this(name, patterns, start, null);
  }
}
