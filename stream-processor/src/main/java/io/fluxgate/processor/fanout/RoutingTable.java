package io.fluxgate.processor.fanout;

import io.fluxgate.core.glob.PatternIndex;
import io.fluxgate.core.subscription.Subscription;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of the fan-out's subscriptions: their compiled patterns and their specs.
 *
 * <p>A task takes one snapshot per record, so that the subscriptions it matches are exactly the
 * ones whose cursors it reconciled, even while the global thread publishes a newer snapshot.
 */
public record RoutingTable(PatternIndex<String> index, Map<String, Subscription> subscriptions) {

  static final RoutingTable EMPTY = new RoutingTable(PatternIndex.empty(), Map.of());

  public RoutingTable {
    subscriptions = Map.copyOf(subscriptions);
  }

  /** The subscription ids whose patterns match {@code eventType}. */
  public Set<String> match(String eventType) {
    return index.match(eventType);
  }

  public Set<String> ids() {
    return subscriptions.keySet();
  }

  public Subscription subscription(String id) {
    return subscriptions.get(id);
  }
}
