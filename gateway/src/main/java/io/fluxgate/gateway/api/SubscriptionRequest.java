package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /v1/subscriptions}. Unknown properties are refused. */
public record SubscriptionRequest(
    @JsonProperty("name") String name,
    @JsonProperty("patterns") List<String> patterns,
    @JsonProperty("start") String start,
    @JsonProperty("filter") String filter,
    @JsonProperty("backpressure") String backpressure,
    @JsonProperty("max_queue_size") Long maxQueueSize,
    @JsonProperty("block_timeout_ms") Long blockTimeoutMs,
    @JsonProperty("ack_mode") String ackMode,
    @JsonProperty("ack_timeout_ms") Long ackTimeoutMs) {

  /** A request without a filter. */
  public SubscriptionRequest(String name, List<String> patterns, String start) {
    this(name, patterns, start, null);
  }

  /** A request with the default flow control. */
  public SubscriptionRequest(String name, List<String> patterns, String start, String filter) {
    this(name, patterns, start, filter, null, null, null);
  }

  /** A request acknowledged automatically. */
  public SubscriptionRequest(
      String name,
      List<String> patterns,
      String start,
      String filter,
      String backpressure,
      Long maxQueueSize,
      Long blockTimeoutMs) {
    this(name, patterns, start, filter, backpressure, maxQueueSize, blockTimeoutMs, null, null);
  }
}
