package io.fluxgate.processor.fanout;

import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.flow.QueueSizeReader;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drop_newest} in the fan-out: decides whether a matching event may still join a
 * subscription's queue, and counts the ones that may not as dropped before the queue.
 *
 * <pre>{@code
 * DropNewestQueues queues =
 *     new DropNewestQueues(routes::subscriptions, queueSizeReader, counterWriter::record, interval);
 * queues.start();
 * if (queues.admit(subscription)) forward(event); // else counted in dropped_before_queue
 * }</pre>
 *
 * <p>Queue sizes come from a snapshot of the {@code drop_newest} subscriptions, read in the
 * background every {@code interval} ({@link QueueSizeReader}, a few Admin requests for all of
 * them), never from Kafka per record. Between two reads every task of this instance adds what it
 * forwarded since the read <em>started</em>: the estimate is {@code snapshot + forwarded since}, so
 * this instance alone respects the bound between refreshes. Shared by the tasks of one instance, so
 * thread-safe. A queue that could not be read counts as empty: Kafka trouble does not stop routing.
 * See the README for how far a queue may overshoot.
 */
public final class DropNewestQueues {
  private static final Logger LOG = LoggerFactory.getLogger(DropNewestQueues.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

  /** Admits every event: for fan-outs built without flow control (topology specs, tools). */
  public static final DropNewestQueues UNBOUNDED =
      new DropNewestQueues(List::of, subs -> Map.of(), (id, counts) -> {}, DEFAULT_INTERVAL, false);

  /** Where dropped counts go: {@link FlowCounterWriter#record} in production. */
  @FunctionalInterface
  public interface Counter {
    void record(String subscriptionId, FlowCounts counts);
  }

  private final Supplier<Collection<Subscription>> subscriptions;
  private final QueueSizeReader reader;
  private final Counter counter;
  private final Duration interval;
  private final boolean bounded;
  // Every event this instance forwarded to a drop_newest subscription since it started; only grows.
  private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());
  private ScheduledExecutorService refresher;

  /**
   * @param subscriptions every subscription the fan-out routes to; only {@code drop_newest} ones
   *     are read
   */
  public DropNewestQueues(
      Supplier<Collection<Subscription>> subscriptions,
      QueueSizeReader reader,
      Counter counter,
      Duration interval) {
    this(subscriptions, reader, counter, interval, true);
  }

  private DropNewestQueues(
      Supplier<Collection<Subscription>> subscriptions,
      QueueSizeReader reader,
      Counter counter,
      Duration interval,
      boolean bounded) {
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.counter = Objects.requireNonNull(counter, "counter");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.bounded = bounded;
  }

  /** Starts reading the queue sizes in the background, the first read at once. */
  public synchronized void start() {
    if (!bounded || refresher != null) {
      return;
    }
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fluxgate-drop-newest-queues");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, ms, TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
      refresher = null;
    }
  }

  /** Reads the queue sizes of the {@code drop_newest} subscriptions and swaps the snapshot. */
  public void refresh() {
    List<Subscription> bounded =
        subscriptions.get().stream()
            .filter(s -> s.backpressure() == Backpressure.DROP_NEWEST)
            .toList();
    Map<String, Long> sizes = bounded.isEmpty() ? Map.of() : reader.read(bounded);
    // Taken when the read answered, as if it saw everything forwarded until then: an event the read
    // missed (in flight) may overshoot, but an event the read saw is never counted twice, so the
    // fan-out never drops for a queue that is not full (apart from consumption since the read).
    Map<String, Long> base = new HashMap<>();
    bounded.forEach(s -> base.put(s.id(), forwardedTotal(s.id())));
    snapshot = new Snapshot(Map.copyOf(sizes), Map.copyOf(base));
    forwarded.keySet().retainAll(base.keySet());
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("Could not refresh the queue sizes of drop_newest subscriptions: {}", e.toString());
    }
  }

  /**
   * Whether one matching event may be forwarded to {@code subscription}: always for a policy other
   * than {@code drop_newest}; otherwise only while the estimated queue is below {@code
   * max_queue_size}, in which case it is counted as forwarded. A refused event is recorded as
   * dropped before the queue.
   */
  public boolean admit(Subscription subscription) {
    if (!bounded || subscription.backpressure() != Backpressure.DROP_NEWEST) {
      return true;
    }
    String id = subscription.id();
    AtomicLong count = forwarded.computeIfAbsent(id, k -> new AtomicLong());
    Snapshot current = snapshot;
    long queued = current.sizes().getOrDefault(id, 0L);
    long base = current.base().getOrDefault(id, 0L);
    while (true) {
      long total = count.get();
      if (queued + (total - base) >= subscription.maxQueueSize()) {
        counter.record(id, FlowCounts.droppedBeforeQueue(1));
        return false;
      }
      if (count.compareAndSet(total, total + 1)) {
        return true;
      }
    }
  }

  /** The estimated queue of a subscription: the last read size plus what was forwarded since. */
  public long estimatedQueueSize(String subscriptionId) {
    Snapshot current = snapshot;
    return current.sizes().getOrDefault(subscriptionId, 0L)
        + forwardedTotal(subscriptionId)
        - current.base().getOrDefault(subscriptionId, 0L);
  }

  private long forwardedTotal(String subscriptionId) {
    AtomicLong count = forwarded.get(subscriptionId);
    return count == null ? 0 : count.get();
  }

  /** Queue sizes as read, and each subscription's forwarded total when the read answered. */
  private record Snapshot(Map<String, Long> sizes, Map<String, Long> base) {}
}
