package io.fluxgate.gateway.core;

import io.fluxgate.core.subscription.Subscription;
import java.util.Collection;
import java.util.Optional;

/**
 * Where subscription specs are kept. {@link SubscriptionStore} keeps them in Kafka; writes that
 * Kafka does not take fail with {@link SubscriptionStore.StoreUnavailableException}.
 */
public interface SubscriptionRepository {

  /** Stores a subscription durably; afterwards {@link #get} on this instance returns it. */
  void put(Subscription subscription);

  /** Removes a subscription durably; afterwards {@link #get} on this instance is empty. */
  void delete(String id);

  Optional<Subscription> get(String id);

  /** Every live subscription, oldest first. */
  Collection<Subscription> all();
}
