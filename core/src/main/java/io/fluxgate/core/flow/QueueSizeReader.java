package io.fluxgate.core.flow;

import io.fluxgate.core.subscription.Subscription;
import java.util.Collection;
import java.util.Map;

/** Reads the queue sizes of many subscriptions at once, as the stats compute them. */
@FunctionalInterface
public interface QueueSizeReader {
  /**
   * The queue size of each subscription that could be read, by id; a subscription missing from the
   * answer (its topic is not there yet, Kafka did not answer) is treated as empty.
   */
  Map<String, Long> read(Collection<Subscription> subscriptions);
}
