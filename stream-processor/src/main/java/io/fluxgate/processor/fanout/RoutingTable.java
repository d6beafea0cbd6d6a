package io.fluxgate.processor.fanout;

import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.glob.PatternIndex;
import io.fluxgate.core.subscription.Subscription;
import java.util.Map;
import java.util.Set;

/**
 * One immutable snapshot of the fan-out's subscriptions: their compiled patterns, their compiled
 * filters and their specs. {@code filters} holds the subscriptions that have a filter; those in
 * {@code unusableFilters} have one this instance cannot compile, and receive nothing until it can.
 *
 * <p>A task takes one snapshot per record, so that the subscriptions it matches are exactly the
 * ones whose cursors it reconciled, even while the global thread publishes a newer snapshot.
 */
public record RoutingTable(
    PatternIndex<String> index,
    Map<String, Subscription> subscriptions,
    Map<String, EventFilter> filters,
    Set<String> unusableFilters) {

  static final RoutingTable EMPTY = new RoutingTable(PatternIndex.empty(), Map.of());

  public RoutingTable {
    subscriptions = Map.copyOf(subscriptions);
    filters = Map.copyOf(filters);
    unusableFilters = Set.copyOf(unusableFilters);
  }

  /** A table of subscriptions without filters. */
  public RoutingTable(PatternIndex<String> index, Map<String, Subscription> subscriptions) {
    this(index, subscriptions, Map.of(), Set.of());
  }

  /** The compiled filter of a subscription, or null when it has none (or an unusable one). */
  public EventFilter filter(String id) {
    return filters.get(id);
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
