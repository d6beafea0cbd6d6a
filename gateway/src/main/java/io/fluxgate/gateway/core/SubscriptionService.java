package io.fluxgate.gateway.core;

import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.core.topic.TopicProvisioningException;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.gateway.errors.InvalidPatternExceptionMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes subscriptions: validates the request, creates the subscription's topic,
 * stores the spec; on delete, stores the tombstone and removes the topic once the fan-out has had
 * time to stop writing to it.
 */
public final class SubscriptionService {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);
  public static final int MAX_PATTERNS = 100;
  public static final int MAX_NAME_LENGTH = 255;

  private final SubscriptionStore store;
  private final StartOffsets startOffsets;
  private final TopicProvisioner provisioner;
  private final DeliveryService delivery;
  private final ScheduledExecutorService scheduler;
  private final int partitions;
  private final Duration topicDeletionDelay;
  private final Clock clock;

  public SubscriptionService(
      SubscriptionStore store,
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
    List<Map<String, Object>> problems = new ArrayList<>();
    List<String> patterns = request.patterns();
    if (patterns == null || patterns.isEmpty()) {
      problems.add(problem("patterns", "at least one pattern is required"));
    } else if (patterns.size() > MAX_PATTERNS) {
      problems.add(problem("patterns", "at most " + MAX_PATTERNS + " patterns are allowed"));
    } else {
      for (int i = 0; i < patterns.size(); i++) {
        String field = "patterns[" + i + "]";
        if (patterns.get(i) == null) {
          problems.add(problem(field, "must be a string"));
          continue;
        }
        try {
          GlobPattern.compile(patterns.get(i));
        } catch (InvalidPatternException e) {
          problems.add(InvalidPatternExceptionMapper.detail(e, field));
        }
      }
    }
    if (request.name() != null && request.name().length() > MAX_NAME_LENGTH) {
      problems.add(problem("name", "at most " + MAX_NAME_LENGTH + " characters"));
    }
    StartPosition start = StartPosition.LATEST;
    if (request.start() != null) {
      try {
        start = StartPosition.fromWireName(request.start());
      } catch (IllegalArgumentException e) {
        problems.add(problem("start", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_subscription", "the subscription is invalid", problems);
    }
    String id = UUID.randomUUID().toString();
    Subscription subscription;
    try {
      provisioner.ensureSubscriptionTopic(id, partitions);
      // Read after the topic exists and before the store: every event acknowledged after our 201
      // lies at or past these offsets, whenever the fan-out learns about the subscription.
      subscription =
          new Subscription(
              id,
              request.name(),
              List.copyOf(patterns),
              start,
              startOffsets.read(start),
              clock.instant());
      store.put(subscription);
    } catch (TopicProvisioningException
        | StartOffsets.UnavailableException
        | SubscriptionStore.StoreUnavailableException e) {
      LOG.warn("Could not create subscription: {}", e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    return subscription;
  }

  public Subscription get(String id) {
    return store.get(id).orElseThrow(() -> ApiException.notFound("subscription", id));
  }

  public Collection<Subscription> list() {
    return store.all();
  }

  public void delete(String id) {
    get(id);
    try {
      store.delete(id);
    } catch (SubscriptionStore.StoreUnavailableException e) {
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

  private static Map<String, Object> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
