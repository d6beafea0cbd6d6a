package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionRepository;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Subscriptions in a map, for tests that must not need Kafka. */
final class InMemorySubscriptionRepository implements SubscriptionRepository {
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

  @Override
  public void put(Subscription subscription) {
    subscriptions.put(subscription.id(), subscription);
  }

  @Override
  public void delete(String id) {
    subscriptions.remove(id);
  }

  @Override
  public Optional<Subscription> get(String id) {
    return Optional.ofNullable(subscriptions.get(id));
  }

  @Override
  public Collection<Subscription> all() {
    return subscriptions.values().stream()
        .sorted(Comparator.comparing(Subscription::createdAt))
        .toList();
  }

  void clear() {
    subscriptions.clear();
  }
}
