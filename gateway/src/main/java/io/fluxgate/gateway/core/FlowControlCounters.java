package io.fluxgate.gateway.core;

/**
 * Where the stats of a subscription read how many events its flow-control policy dropped or
 * rejected. Totals are cumulative since the subscription was created and the same on every gateway
 * instance, so an implementation keeps them in Kafka, not in this process.
 *
 * <p>{@link #NONE} is the only implementation until the policies exist: every count is 0, which is
 * exact while no subscription can drop or reject.
 */
@FunctionalInterface
public interface FlowControlCounters {

  /** Counts that never move: no policy drops or rejects anything yet. */
  FlowControlCounters NONE = subscriptionId -> FlowCounts.ZERO;

  /**
   * The totals of one subscription.
   *
   * @throws SubscriptionStatsReader.UnavailableException when Kafka does not answer
   */
  FlowCounts read(String subscriptionId);

  /**
   * Cumulative counts of one subscription's policy.
   *
   * @param droppedBeforeQueue matching events never written to the subscription topic ({@code
   *     drop_newest})
   * @param droppedFromQueue events written to the subscription topic and skipped without being
   *     delivered ({@code drop_oldest}); the group's committed offsets moved past them, so they are
   *     taken out of {@code delivered}
   * @param rejected publish requests refused with 429 because of this subscription ({@code reject})
   */
  record FlowCounts(long droppedBeforeQueue, long droppedFromQueue, long rejected) {
    public static final FlowCounts ZERO = new FlowCounts(0, 0, 0);

    public long dropped() {
      return droppedBeforeQueue + droppedFromQueue;
    }
  }
}
