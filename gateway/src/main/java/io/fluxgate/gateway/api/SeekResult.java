package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to a seek: where the subscription's next long poll starts, per partition. */
public record SeekResult(
    @JsonProperty("subscription_id") String subscriptionId,
    @JsonProperty("to") String to,
    @JsonProperty("positions") List<Position> positions) {

  /** The next offset delivered from one partition of the subscription topic. */
  public record Position(
      @JsonProperty("topic") String topic,
      @JsonProperty("partition") int partition,
      @JsonProperty("offset") long offset) {}
}
