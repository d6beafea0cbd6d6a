package io.fluxgate.gateway.core;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.core.topic.TopicProvisioningException;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes subscriptions: validates the request ({@link SubscriptionValidator}), creates
 * the subscription's topic, stores the spec; on delete, stores the tombstone and removes the topic
 * once the fan-out has had time to stop writing to it.
 */
public final class SubscriptionService {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

  /** How often a long poll on a paused subscription looks whether it was resumed. */
  private static final Duration PAUSE_CHECK_INTERVAL = Duration.ofMillis(50);

  private final SubscriptionRepository store;
  private final StartOffsets startOffsets;
  private final TopicProvisioner provisioner;
  private final DeliveryService delivery;
  private final ScheduledExecutorService scheduler;
  private final int partitions;
  private final Duration topicDeletionDelay;
  private final Clock clock;

  public SubscriptionService(
      SubscriptionRepository store,
      StartOffsets startOffsets,
      TopicProvisioner provisioner,
      DeliveryService delivery,
      ScheduledExecutorService scheduler,
      int partitions,
      Duration topicDeletionDelay,
      Clock clock) {
    this.store = store;
    this.startOffsets = startOffsets;
    this.provisioner = provisioner;
    this.delivery = delivery;
    this.scheduler = scheduler;
    this.partitions = partitions;
    this.topicDeletionDelay = topicDeletionDelay;
    this.clock = clock;
  }

  public Subscription create(SubscriptionRequest request) {
    StartPosition start = SubscriptionValidator.validate(request, clock.instant());
    List<String> patterns = request.patterns();
    String id = UUID.randomUUID().toString();
    try {
      provisioner.ensureSubscriptionTopic(id, partitions);
    } catch (TopicProvisioningException e) {
      LOG.warn("Could not create subscription: {}", e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    Subscription subscription;
    try {
      // Read after the topic exists and before the store: every event acknowledged after our 201
      // lies at or past these offsets, whenever the fan-out learns about the subscription.
      subscription =
          new Subscription(
              id,
              request.name(),
              List.copyOf(patterns),
              start,
              startOffsets.read(start),
              clock.instant(),
              request.filter(),
              false,
              SubscriptionValidator.backpressure(request),
              request.maxQueueSize() == null ? null : request.maxQueueSize().intValue(),
              request.blockTimeoutMs() == null ? null : request.blockTimeoutMs().intValue(),
              SubscriptionValidator.ackMode(request),
              request.ackTimeoutMs() == null ? null : request.ackTimeoutMs().intValue());
      store.put(subscription);
    } catch (StartOffsets.UnavailableException | SubscriptionRepository.UnavailableException e) {
      LOG.warn("Could not create subscription: {}", e.toString());
      // Nothing refers to the topic yet: remove it rather than leave an orphan behind.
      deleteTopic(id);
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    return subscription;
  }

  public Subscription get(String id) {
    return store.get(id).orElseThrow(() -> ApiException.notFound("subscription", id));
  }

  /**
   * Pauses or resumes HTTP delivery of a subscription, stored like any other change of it
   * (acks=all, then shown on this instance). Setting the state it already has writes nothing.
   */
  public Subscription setPaused(String id, boolean paused) {
    Subscription current = get(id);
    if (current.paused() == paused) {
      return current;
    }
    Subscription changed = current.withPaused(paused);
    try {
      store.put(changed);
    } catch (SubscriptionRepository.UnavailableException e) {
      LOG.warn("Could not {} subscription {}: {}", paused ? "pause" : "resume", id, e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    return changed;
  }

  /**
   * Waits up to {@code timeout} for a paused subscription to be resumed, as a long poll on an empty
   * queue would wait for events; returns it as last seen (still paused after the timeout, or gone).
   */
  public Subscription awaitResumed(Subscription subscription, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Subscription latest = subscription;
    while (latest.paused()) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.sleep(Math.min(remaining, PAUSE_CHECK_INTERVAL.toNanos()));
      java.util.Optional<Subscription> seen = store.get(subscription.id());
      if (seen.isEmpty()) {
        break;
      }
      latest = seen.get();
    }
    return latest;
  }

  public Collection<Subscription> list() {
    return store.all();
  }

  public void delete(String id) {
    get(id);
    try {
      store.delete(id);
    } catch (SubscriptionRepository.UnavailableException e) {
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    delivery.forget(id);
    // Routers stop writing once they see the tombstone; the delay keeps in-flight copies from
    // landing on a missing topic.
    scheduler.schedule(() -> deleteTopic(id), topicDeletionDelay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void deleteTopic(String id) {
    try {
      provisioner.deleteSubscriptionTopic(id);
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the topic of subscription {}: {}", id, e.toString());
    }
  }
}
