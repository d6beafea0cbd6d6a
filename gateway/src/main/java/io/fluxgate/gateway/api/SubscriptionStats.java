package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /v1/subscriptions/{id}/stats}: the counts of one subscription, read from Kafka's own
 * offsets, so every gateway instance answers the same.
 *
 * @param totalReceived events the fan-out wrote to the subscription topic (sum of its end offsets)
 * @param delivered events delivery consumed (sum of the group's committed offsets, less events a
 *     policy skipped)
 * @param queueSize events written and not consumed yet
 */
public record SubscriptionStats(
    @JsonProperty("total_received") long totalReceived,
    @JsonProperty("delivered") long delivered,
    @JsonProperty("dropped") long dropped,
    @JsonProperty("rejected") long rejected,
    @JsonProperty("queue_size") long queueSize,
    @JsonProperty("paused") boolean paused,
    @JsonProperty("partitions") List<PartitionStats> partitions) {

  public SubscriptionStats {
    partitions = List.copyOf(partitions);
  }

  public SubscriptionStats withPaused(boolean paused) {
    return new SubscriptionStats(
        totalReceived, delivered, dropped, rejected, queueSize, paused, partitions);
  }

  /**
   * Kafka's offsets of one partition of the subscription topic; {@code committedOffset} is null
   * while delivery has committed nothing there.
   */
  public record PartitionStats(
      @JsonProperty("partition") int partition,
      @JsonProperty("log_start_offset") long logStartOffset,
      @JsonProperty("end_offset") long endOffset,
      @JsonProperty("committed_offset") Long committedOffset,
      @JsonProperty("queue_size") long queueSize) {}
}
