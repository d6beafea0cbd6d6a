package io.fluxgate.gateway.core;

import io.fluxgate.core.subscription.Subscription;
import java.util.Collection;
import java.util.Optional;

/**
 * Where subscription specs are kept. {@link SubscriptionStore} keeps them in Kafka; a write that is
 * not durably taken fails with {@link UnavailableException}.
 */
public interface SubscriptionRepository {

  /** Stores a subscription durably; afterwards {@link #get} on this instance returns it. */
  void put(Subscription subscription);

  /** Removes a subscription durably; afterwards {@link #get} on this instance is empty. */
  void delete(String id);

  Optional<Subscription> get(String id);

  /** Every live subscription, oldest first. */
  Collection<Subscription> all();

  /** The repository did not durably take a write; the write may be retried. */
  final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
