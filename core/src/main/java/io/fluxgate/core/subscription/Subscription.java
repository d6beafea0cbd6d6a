package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fluxgate.core.topic.PlatformTopics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored subscription: which event types (glob patterns) it receives and where it started.
 *
 * <p>Kept as JSON in the compacted {@link PlatformTopics#SUBSCRIPTIONS} topic, keyed by {@code id}.
 */
@JsonPropertyOrder({"id", "name", "patterns", "start", "created_at", "topic", "consumer_group"})
public record Subscription(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("patterns") List<String> patterns,
    @JsonProperty("start") StartPosition start,
    @JsonProperty("created_at") Instant createdAt) {

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patterns, "patterns");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(createdAt, "createdAt");
    patterns = List.copyOf(patterns);
  }

  /** The topic the fan-out writes this subscription's events to. */
  @JsonProperty("topic")
  public String topic() {
    return PlatformTopics.subscriptionTopic(id);
  }

  /** The consumer group the gateway uses to deliver this subscription over HTTP. */
  @JsonProperty("consumer_group")
  public String consumerGroup() {
    return PlatformTopics.subscriptionConsumerGroup(id);
  }
}
