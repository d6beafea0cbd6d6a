package io.fluxgate.processor.fanout;

import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.flow.QueueSizeReader;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * them), never from Kafka per record. Between two reads the estimate is {@code snapshot + copies
 * not yet settled when the read started}: every copy this instance forwarded, less the ones whose
 * write had been acknowledged (or had failed) before the read began ({@link #settled}, fed by
 * {@link DropNewestAcks} on the fan-out's producer). An acknowledged copy is in the subscription
 * topic's end offset, so the read saw it; one still lingering in the producer or in flight was not,
 * and stays counted. One instance therefore never lets a queue past its bound with {@code
 * at_least_once}; a copy acknowledged while a read is under way may be counted twice until the next
 * read, which can only drop early. Shared by the tasks of one instance, so thread-safe. A queue
 * that could not be read counts as empty: Kafka trouble does not stop routing. See the README for
 * how far a queue may overshoot.
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
  // What this instance forwarded to each drop_newest subscription since it started, and how much
  // of it settled; by subscription id and, for the producer's acknowledgements, by topic.
  private final Map<String, Copies> copies = new ConcurrentHashMap<>();
  private final Map<String, Copies> copiesByTopic = new ConcurrentHashMap<>();
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
    // Taken before the read asks: a copy settled by then is in the end offsets the read gets; one
    // settled while the read is under way may be in them too, and is then counted twice until the
    // next read (an early drop, never an overshoot).
    Map<String, Long> base = new HashMap<>();
    bounded.forEach(s -> base.put(s.id(), settledTotal(s.id())));
    Map<String, Long> sizes = bounded.isEmpty() ? Map.of() : reader.read(bounded);
    snapshot = new Snapshot(Map.copyOf(sizes), Map.copyOf(base));
    copies.keySet().retainAll(base.keySet());
    Set<String> topics = new HashSet<>();
    bounded.forEach(s -> topics.add(s.topic()));
    copiesByTopic.keySet().retainAll(topics);
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
    AtomicLong count = copiesOf(subscription).forwarded;
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

  /**
   * Records that the write of one copy to {@code topic} has settled: acknowledged, so the topic's
   * end offset includes it, or failed, so it will never be there. Called by the fan-out producer's
   * {@link DropNewestAcks} for every record it wrote; other topics are ignored.
   */
  public void settled(String topic) {
    Copies settledCopies = copiesByTopic.get(topic);
    if (settledCopies != null) {
      settledCopies.settled.incrementAndGet();
    }
  }

  /** The estimated queue of a subscription: the last read size plus the copies it did not see. */
  public long estimatedQueueSize(String subscriptionId) {
    Snapshot current = snapshot;
    Copies counts = copies.get(subscriptionId);
    long forwarded = counts == null ? 0 : counts.forwarded.get();
    return current.sizes().getOrDefault(subscriptionId, 0L)
        + forwarded
        - current.base().getOrDefault(subscriptionId, 0L);
  }

  private Copies copiesOf(Subscription subscription) {
    Copies existing = copies.get(subscription.id());
    if (existing != null) {
      return existing;
    }
    return copies.computeIfAbsent(
        subscription.id(),
        id -> {
          Copies created = new Copies();
          copiesByTopic.put(subscription.topic(), created);
          return created;
        });
  }

  private long settledTotal(String subscriptionId) {
    Copies counts = copies.get(subscriptionId);
    return counts == null ? 0 : counts.settled.get();
  }

  /** Copies forwarded to one subscription, and how many of them settled; both only grow. */
  private static final class Copies {
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong settled = new AtomicLong();
  }

  /** Queue sizes as read, and each subscription's settled copies when the read started. */
  private record Snapshot(Map<String, Long> sizes, Map<String, Long> base) {}
}
