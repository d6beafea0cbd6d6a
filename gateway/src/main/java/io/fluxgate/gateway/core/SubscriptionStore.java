package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions kept in the compacted {@link PlatformTopics#SUBSCRIPTIONS} topic, with an in-memory
 * view that a background reader keeps up to date, so that every gateway instance sees every
 * subscription without any other shared state.
 *
 * <p>Writes wait for acks=all and then update the local view, so a client reads its own writes on
 * the instance it wrote to; other instances see them within one poll.
 */
public final class SubscriptionStore implements SubscriptionRepository, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);

  // Keyed by id; a tombstone is kept as an entry without subscription so that a late read of an
  // older record cannot resurrect a subscription this instance has just deleted.
  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final CompactedTopic topic;

  public SubscriptionStore(Map<String, Object> clientConfig) {
    this.topic =
        new CompactedTopic(clientConfig, PlatformTopics.SUBSCRIPTIONS, "subscription", this::apply);
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(true);
  }

  /** Whether the view is up to date: the reader polled successfully within the last 30 s. */
  public boolean isCurrent() {
    return topic.isCurrent();
  }

  private void apply(String id, byte[] value, long offset) {
    if (id == null) {
      return;
    }
    Subscription subscription = null;
    if (value != null) {
      try {
        subscription = SubscriptionCodec.decode(value);
      } catch (IOException e) {
        LOG.warn("Skipping unreadable subscription record {}: {}", id, e.getMessage());
        return;
      }
    }
    remember(id, subscription, offset);
  }

  private void remember(String id, Subscription subscription, long offset) {
    view.merge(
        id,
        new Entry(subscription, offset),
        (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  private record Entry(Subscription subscription, long offset) {}

  /** Stores a subscription durably, then shows it in this instance's view. */
  @Override
  public void put(Subscription subscription) {
    long offset = write(subscription.id(), SubscriptionCodec.encode(subscription));
    remember(subscription.id(), subscription, offset);
  }

  /** Writes the tombstone of a subscription durably, then removes it from the view. */
  @Override
  public void delete(String id) {
    long offset = write(id, null);
    remember(id, null, offset);
  }

  private long write(String id, byte[] value) {
    try {
      return topic.write(id, value);
    } catch (CompactedTopic.WriteFailedException e) {
      throw new UnavailableException("could not store subscription " + id, e.getCause());
    }
  }

  @Override
  public Optional<Subscription> get(String id) {
    Entry entry = view.get(id);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.subscription());
  }

  @Override
  public Collection<Subscription> all() {
    return view.values().stream()
        .map(Entry::subscription)
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(Subscription::createdAt))
        .toList();
  }

  @Override
  public void stop() throws InterruptedException {
    topic.stop();
  }
}
