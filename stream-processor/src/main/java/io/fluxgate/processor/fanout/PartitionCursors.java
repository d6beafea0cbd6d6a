package io.fluxgate.processor.fanout;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one task knows about one source partition: which routing snapshot its cursors were
 * reconciled with, the subscriptions not yet live here with their cursors, and the next offset the
 * live path will process, once known. Every other subscription of the snapshot is live, so when
 * none is pending, routing a record costs one emptiness check.
 */
final class PartitionCursors {

  /** The live path's next offset before the task has learnt it. */
  static final long UNKNOWN = -1L;

  private final TopicPartition partition;
  private final Map<String, Long> pending = new HashMap<>();
  private RoutingTable reconciledWith;
  private long nextLiveOffset;

  PartitionCursors(TopicPartition partition, long nextLiveOffset) {
    this.partition = partition;
    this.nextLiveOffset = nextLiveOffset;
  }

  TopicPartition partition() {
    return partition;
  }

  /** Whether a record being processed by the live path goes to {@code subscriptionId}. */
  boolean isLive(String subscriptionId) {
    return pending.isEmpty() || !pending.containsKey(subscriptionId);
  }

  /** Subscriptions waiting for their start offset or catching up, with their cursors. */
  Map<String, Long> pending() {
    return pending;
  }

  RoutingTable reconciledWith() {
    return reconciledWith;
  }

  void reconciledWith(RoutingTable table) {
    this.reconciledWith = table;
  }

  /**
   * The next offset the live path processes: past its last record, or where it resumes after the
   * task started; what a catch-up may read up to. {@link #UNKNOWN} until the task knows it.
   */
  long nextLiveOffset() {
    return nextLiveOffset;
  }

  void nextLiveOffset(long offset) {
    this.nextLiveOffset = offset;
  }

  boolean knowsNextLiveOffset() {
    return nextLiveOffset != UNKNOWN;
  }
}
