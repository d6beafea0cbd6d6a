package io.fluxgate.gateway.health;

import com.codahale.metrics.health.HealthCheck;
import io.fluxgate.gateway.core.SubscriptionStore;

/** Unhealthy when this instance's view of the subscriptions has stopped following Kafka. */
public final class SubscriptionStoreHealthCheck extends HealthCheck {
  private final SubscriptionStore store;

  public SubscriptionStoreHealthCheck(SubscriptionStore store) {
    this.store = store;
  }

  @Override
  protected Result check() {
    return store.isCurrent()
        ? Result.healthy("%d subscription(s)".formatted(store.all().size()))
        : Result.unhealthy("the subscriptions topic has not been read for 30 s");
  }
}
