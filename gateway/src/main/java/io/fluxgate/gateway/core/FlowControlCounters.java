package io.fluxgate.gateway.core;

import io.fluxgate.core.flow.FlowCounts;

/**
 * Where the stats of a subscription read how many events its flow-control policy dropped or
 * rejected: totals since the subscription was created, the same on every gateway instance, so kept
 * in Kafka, not in this process. {@link KafkaFlowControlCounters} reads what {@link
 * io.fluxgate.core.flow.FlowCounterWriter}s record.
 */
@FunctionalInterface
public interface FlowControlCounters {

  /**
   * The totals of one subscription; {@link FlowCounts#ZERO} when nothing was recorded for it.
   *
   * @throws SubscriptionStatsReader.UnavailableException when the counts cannot be read
   */
  FlowCounts read(String subscriptionId);
}
