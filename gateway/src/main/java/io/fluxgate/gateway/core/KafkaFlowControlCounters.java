package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.flow.FlowCounterRecords;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow-control totals read from {@link PlatformTopics#FLOW_COUNTERS}: a background reader follows
 * the compacted topic and keeps every writer's latest total, and a subscription's count is the sum
 * over its writers. Every instance follows the same topic, so all report the same totals within one
 * poll of each other.
 */
public final class KafkaFlowControlCounters implements FlowControlCounters, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFlowControlCounters.class);

  // subscription id -> writer key -> that writer's latest total
  private final Map<String, Map<String, FlowCounts>> totals = new ConcurrentHashMap<>();
  private final CompactedTopic topic;

  public KafkaFlowControlCounters(Map<String, Object> clientConfig) {
    this.topic =
        new CompactedTopic(
            clientConfig,
            PlatformTopics.FLOW_COUNTERS,
            "flow-counter",
            (key, value, offset) -> apply(key, value));
  }

  @Override
  public FlowCounts read(String subscriptionId) {
    if (!isCurrent()) {
      throw new SubscriptionStatsReader.UnavailableException(
          "the flow-control counts are not being read", null);
    }
    return sum(subscriptionId);
  }

  FlowCounts sum(String subscriptionId) {
    return totals.getOrDefault(subscriptionId, Map.of()).values().stream()
        .reduce(FlowCounts.ZERO, FlowCounts::plus);
  }

  /** Takes one record of the topic: a writer's new total, or a tombstone that removes it. */
  void apply(String key, byte[] value) {
    Optional<String> subscription = FlowCounterRecords.subscriptionOf(key);
    if (subscription.isEmpty()) {
      return;
    }
    if (value == null) {
      totals.computeIfPresent(
          subscription.get(),
          (id, writers) -> {
            writers.remove(key);
            return writers.isEmpty() ? null : writers;
          });
      return;
    }
    try {
      FlowCounts counts = FlowCounterRecords.decode(value);
      totals.computeIfAbsent(subscription.get(), id -> new ConcurrentHashMap<>()).put(key, counts);
    } catch (IOException e) {
      LOG.warn("Skipping unreadable flow counts {}: {}", key, e.getMessage());
    }
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(false);
  }

  /** Whether the totals are up to date: the reader polled successfully within the last 30 s. */
  public boolean isCurrent() {
    return topic.isCurrent();
  }

  @Override
  public void stop() throws InterruptedException {
    topic.stop();
  }
}
