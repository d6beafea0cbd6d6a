package io.fluxgate.gateway.core.replay;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionRepository;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts replays and runs them on this instance, at most {@code maxConcurrentReplays} at once
 * (more is {@code 503}). Each job's state is stored in {@code _fluxgate.replays}, so any instance
 * answers {@link #get}. A job does not survive its instance: on {@link #stop} the running jobs end
 * {@code failed} with the reason, and a new replay copies the rest.
 *
 * <pre>{@code
 * ReplayJob job = replays.start("sub-1", "2025-07-25T10:00:00Z", null); // state running
 * }</pre>
 */
public final class ReplayService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

  private final SubscriptionRepository subscriptions;
  private final ReplayRepository replays;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Supplier<Producer<String, byte[]>> producerFactory;
  private final Collection<String> eventTopics;
  private final EventCodec codec;
  private final Clock clock;
  private final String owner;
  private final Semaphore slots;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fluxgate-replay");
            t.setDaemon(true);
            return t;
          });
  private volatile Producer<String, byte[]> producer;
  private volatile boolean stopping;

  public ReplayService(
      SubscriptionRepository subscriptions,
      ReplayRepository replays,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Producer<String, byte[]>> producer,
      Collection<String> eventTopics,
      EventCodec codec,
      Clock clock,
      int maxConcurrentReplays) {
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.replays = Objects.requireNonNull(replays, "replays");
    this.consumers = Objects.requireNonNull(consumers, "consumers");
    this.producerFactory = Objects.requireNonNull(producer, "producer");
    this.eventTopics = List.copyOf(eventTopics);
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owner = "gateway-" + UUID.randomUUID();
    this.slots = new Semaphore(maxConcurrentReplays);
  }

  /**
   * Accepts a replay of {@code [from, to)} into the subscription and starts it on this instance.
   *
   * @throws ApiException 404 unknown subscription, 400 {@code invalid_replay} for a bad range, 503
   *     when {@code maxConcurrentReplays} run here already or Kafka does not store the job
   */
  public ReplayJob start(String subscriptionId, String from, String to) {
    Subscription subscription =
        subscriptions
            .get(subscriptionId)
            .orElseThrow(() -> ApiException.notFound("subscription", subscriptionId));
    ReplayRange range = ReplayRange.parse(from, to, clock.instant());
    if (stopping) {
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
    if (!slots.tryAcquire()) {
      throw ApiException.unavailable("too many replays in progress on this instance", 5);
    }
    try {
      ReplayJob job =
          ReplayJob.accepted(
              UUID.randomUUID().toString(),
              subscription.id(),
              range.fromText(),
              range.to(),
              owner,
              clock.instant());
      replays.put(job);
      executor.execute(() -> run(job, subscription, range));
      LOG.info(
          "Replay {} of subscription {} from {} to {} accepted",
          job.replayId(),
          subscription.id(),
          job.from(),
          job.to());
      return job;
    } catch (SubscriptionRepository.UnavailableException e) {
      slots.release();
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    } catch (RejectedExecutionException e) {
      slots.release();
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
  }

  private void run(ReplayJob job, Subscription subscription, ReplayRange range) {
    try {
      new ReplayCopier(
              consumers.get(),
              producer(),
              eventTopics,
              codec,
              replays,
              id -> subscriptions.get(id).isPresent(),
              () -> stopping,
              clock)
          .run(job, subscription, range);
    } catch (RuntimeException e) {
      LOG.error("Replay {} could not run", job.replayId(), e);
      try {
        replays.put(job.ended(ReplayJob.State.FAILED, "could not run: " + e, clock.instant()));
      } catch (RuntimeException ignored) {
        // Kafka is gone as well; the job stays running in the topic.
      }
    } finally {
      slots.release();
    }
  }

  private Producer<String, byte[]> producer() {
    Producer<String, byte[]> current = producer;
    if (current == null) {
      synchronized (this) {
        if (producer == null) {
          producer = producerFactory.get();
        }
        current = producer;
      }
    }
    return current;
  }

  /**
   * The job as last stored, from any instance.
   *
   * @throws ApiException 404 for an unknown replay
   */
  public ReplayJob get(String replayId) {
    return replays.get(replayId).orElseThrow(() -> ApiException.notFound("replay", replayId));
  }

  /**
   * Asks a running replay to stop, whichever instance runs it; it ends {@code cancelled} at its
   * next step, keeping what it copied.
   *
   * @throws ApiException 404 unknown replay, 409 {@code replay_finished} when it already ended
   */
  public ReplayJob cancel(String replayId) {
    ReplayJob job = get(replayId);
    if (job.state().isFinal()) {
      throw new ApiException(
          409, "replay_finished", "replay '" + replayId + "' already ended " + job.state().json());
    }
    ReplayJob cancelled =
        job.ended(ReplayJob.State.CANCELLED, ReplayCopier.CANCELLED, clock.instant());
    try {
      replays.put(cancelled);
    } catch (SubscriptionRepository.UnavailableException e) {
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    return cancelled;
  }

  @Override
  public void start() {}

  /** Ends the running jobs {@code failed} (each at its next step), then closes the producer. */
  @Override
  public void stop() throws InterruptedException {
    stopping = true;
    executor.shutdown();
    if (!executor.awaitTermination(20, TimeUnit.SECONDS)) {
      executor.shutdownNow();
      executor.awaitTermination(5, TimeUnit.SECONDS);
    }
    Producer<String, byte[]> current = producer;
    if (current != null) {
      current.close(java.time.Duration.ofSeconds(10));
    }
  }
}
