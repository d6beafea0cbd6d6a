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
  private volatile boolean failing;

  @Override
  public void put(Subscription subscription) {
    refuseIfFailing();
    subscriptions.put(subscription.id(), subscription);
  }

  @Override
  public void delete(String id) {
    refuseIfFailing();
    subscriptions.remove(id);
  }

  /** Makes every later write fail as a Kafka that does not take it would (false: succeed again). */
  void failWrites(boolean failing) {
    this.failing = failing;
  }

  private void refuseIfFailing() {
    if (failing) {
      throw new UnavailableException("the subscriptions topic did not take the write", null);
    }
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
    failing = false;
  }
}
