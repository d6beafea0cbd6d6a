package io.fluxgate.processor.fanout;

import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.InvalidFilterException;
import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.core.glob.PatternIndex;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled routing table of the fan-out: every live subscription's patterns in one {@link
 * PatternIndex}, and the compiled CEL filter of each subscription that has one.
 *
 * <p>The global-store thread rebuilds it whenever a subscription changes; stream threads only read
 * the current snapshot, so a new or deleted subscription takes effect at the next routed event
 * without a restart. Rebuilding from the whole store keeps it correct however the store was filled
 * (live updates or restoration at start-up).
 */
public final class SubscriptionRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionRoutes.class);

  private volatile RoutingTable table = RoutingTable.EMPTY;
  // Compiled once per subscription and expression, reused by every rebuild; guarded by this.
  private Map<String, EventFilter> compiledFilters = Map.of();

  /** The current snapshot; a new object after every change, so identity tells a change. */
  public RoutingTable table() {
    return table;
  }

  /** The subscription ids whose patterns match {@code eventType}. */
  public Set<String> match(String eventType) {
    return table.match(eventType);
  }

  /** Whether the fan-out currently routes to the subscription. */
  public boolean isActive(String subscriptionId) {
    return table.subscriptions().containsKey(subscriptionId);
  }

  public int size() {
    return table.subscriptions().size();
  }

  /** Applies one change of the subscriptions topic (a null value deletes) and rebuilds. */
  synchronized void apply(KeyValueStore<String, byte[]> store, String id, byte[] value) {
    if (value == null) {
      store.delete(id);
    } else {
      store.put(id, value);
    }
    rebuild(store);
  }

  /** Rebuilds from the whole store; store access is serialised by this object's lock. */
  synchronized void rebuild(KeyValueStore<String, byte[]> store) {
    PatternIndex.Builder<String> builder = PatternIndex.builder();
    Map<String, Subscription> subscriptions = new HashMap<>();
    Map<String, EventFilter> filters = new HashMap<>();
    Set<String> unusableFilters = new HashSet<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        Subscription subscription = decode(entry.key, entry.value);
        if (subscription == null) {
          continue;
        }
        try {
          for (String pattern : subscription.patterns()) {
            builder.add(subscription.id(), pattern);
          }
          subscriptions.put(subscription.id(), subscription);
        } catch (InvalidPatternException e) {
          LOG.warn("Skipping subscription {}: {}", entry.key, e.getMessage());
          continue;
        }
        if (subscription.filter() != null) {
          EventFilter filter = compile(subscription);
          if (filter == null) {
            unusableFilters.add(subscription.id());
          } else {
            filters.put(subscription.id(), filter);
          }
        }
      }
    }
    compiledFilters = filters;
    table = new RoutingTable(builder.build(), subscriptions, filters, unusableFilters);
  }

  /** The cached filter when the expression is unchanged, else a fresh compile (null if invalid). */
  private EventFilter compile(Subscription subscription) {
    EventFilter cached = compiledFilters.get(subscription.id());
    if (cached != null && cached.expression().equals(subscription.filter())) {
      return cached;
    }
    try {
      return EventFilterCompiler.compile(subscription.filter());
    } catch (InvalidFilterException e) {
      // The gateway validated it with the same compiler: only a version skew gets here.
      LOG.warn(
          "Subscription {} has a filter this instance cannot compile; routing nothing to it: {}",
          subscription.id(),
          e.getMessage());
      return null;
    }
  }

  private static Subscription decode(String key, byte[] value) {
    try {
      return SubscriptionCodec.decode(value);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable subscription record {}: {}", key, e.getMessage());
      return null;
    }
  }
}
