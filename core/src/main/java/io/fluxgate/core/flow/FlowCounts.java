package io.fluxgate.core.flow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a subscription's flow-control policy did to its events: counts that only grow.
 *
 * @param droppedBeforeQueue matching events never written to the subscription topic ({@code
 *     drop_newest})
 * @param droppedFromQueue events written to the subscription topic and skipped without being
 *     delivered ({@code drop_oldest}): the group's committed offsets moved past them, so the stats
 *     take them out of {@code delivered}
 * @param rejected matching events refused to their publisher because of this subscription ({@code
 *     reject}: 429, {@code block}: 503 after the timeout)
 */
public record FlowCounts(
    @JsonProperty("dropped_before_queue") long droppedBeforeQueue,
    @JsonProperty("dropped_from_queue") long droppedFromQueue,
    @JsonProperty("rejected") long rejected) {

  public static final FlowCounts ZERO = new FlowCounts(0, 0, 0);

  public FlowCounts {
    if (droppedBeforeQueue < 0 || droppedFromQueue < 0 || rejected < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }

  public static FlowCounts droppedBeforeQueue(long n) {
    return new FlowCounts(n, 0, 0);
  }

  public static FlowCounts droppedFromQueue(long n) {
    return new FlowCounts(0, n, 0);
  }

  public static FlowCounts rejected(long n) {
    return new FlowCounts(0, 0, n);
  }

  /** Every dropped event, wherever it was dropped. */
  @JsonIgnore
  public long dropped() {
    return droppedBeforeQueue + droppedFromQueue;
  }

  public FlowCounts plus(FlowCounts other) {
    return new FlowCounts(
        droppedBeforeQueue + other.droppedBeforeQueue,
        droppedFromQueue + other.droppedFromQueue,
        rejected + other.rejected);
  }
}
