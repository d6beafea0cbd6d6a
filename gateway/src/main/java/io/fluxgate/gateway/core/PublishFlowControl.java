package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.core.filter.InvalidFilterException;
import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.flow.QueueSizeReader;
import io.fluxgate.core.glob.PatternIndex;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publish side of flow control: before anything is written, refuses a request whose events
 * match (patterns and filter) a {@code reject} subscription with a full queue (429 at once), or
 * waits up to {@code block_timeout_ms} for a full {@code block} subscription to make room (then
 * 503). All-or-nothing: a batch is refused whole, listing the offending subscriptions and event
 * indices.
 *
 * <pre>{@code
 * flowControl.admitEvents(events); // returns, or throws ApiException(429 | 503)
 * }</pre>
 *
 * <p>Queue sizes come from a snapshot refreshed in the background every {@code interval} (only for
 * subscriptions with {@code block} or {@code reject}), never from Kafka per request. Between two
 * refreshes this instance adds what it admitted itself to the snapshot, so one gateway alone cannot
 * overshoot by a refresh interval's worth of publishing; see the README for the bound. A queue that
 * could not be read counts as empty: Kafka trouble does not stop publishing.
 */
public final class PublishFlowControl implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(PublishFlowControl.class);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
  static final int RETRY_AFTER_SECONDS = 1;

  /** Admits everything: for tests and wiring without flow control. */
  public static final PublishFlowControl NONE =
      new PublishFlowControl(List::of, subs -> Map.of(), (id, counts) -> {}, DEFAULT_INTERVAL);

  /** Where admitted and refused counts go: {@link FlowCounterWriter#record} in production. */
  @FunctionalInterface
  public interface Counter {
    void record(String subscriptionId, FlowCounts counts);
  }

  private final Supplier<Collection<Subscription>> subscriptions;
  private final QueueSizeReader reader;
  private final Counter counter;
  private final Duration interval;
  private final Object refreshed = new Object();
  private volatile Snapshot snapshot = Snapshot.EMPTY;
  private ScheduledExecutorService refresher;

  public PublishFlowControl(
      Supplier<Collection<Subscription>> subscriptions,
      QueueSizeReader reader,
      Counter counter,
      Duration interval) {
    this.subscriptions = subscriptions;
    this.reader = reader;
    this.counter = counter;
    this.interval = interval;
  }

  @Override
  public void start() {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fluxgate-queue-sizes");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
  }

  /** Reads the queue sizes of the subscriptions checked at publish, and swaps the snapshot. */
  public void refresh() {
    List<Subscription> checked =
        subscriptions.get().stream().filter(s -> s.backpressure().checkedAtPublish()).toList();
    Snapshot current = snapshot;
    Map<String, Subscription> byId = new LinkedHashMap<>();
    checked.forEach(s -> byId.put(s.id(), s));
    PatternIndex<String> index = current.index();
    if (!byId.equals(current.subscriptions())) {
      PatternIndex.Builder<String> builder = PatternIndex.builder();
      checked.forEach(s -> s.patterns().forEach(p -> builder.add(s.id(), p)));
      index = builder.build();
    }
    Map<String, Long> sizes = checked.isEmpty() ? Map.of() : reader.read(checked);
    Map<String, Optional<EventFilter>> filters =
        byId.equals(current.subscriptions()) ? current.filters() : filters(checked);
    snapshot =
        new Snapshot(
            index, Map.copyOf(byId), filters, Map.copyOf(sizes), new ConcurrentHashMap<>());
    synchronized (refreshed) {
      refreshed.notifyAll();
    }
  }

  /**
   * The compiled filters of the subscriptions that have one; one that no longer compiles matches
   * nothing, as in the fan-out, which routes nothing to it.
   */
  private static Map<String, Optional<EventFilter>> filters(List<Subscription> subscriptions) {
    Map<String, Optional<EventFilter>> filters = new HashMap<>();
    for (Subscription s : subscriptions) {
      if (s.filter() != null) {
        try {
          filters.put(s.id(), Optional.of(EventFilterCompiler.compile(s.filter())));
        } catch (InvalidFilterException e) {
          filters.put(s.id(), Optional.empty());
        }
      }
    }
    return Map.copyOf(filters);
  }

  /** How many block/reject subscriptions the last refresh found. */
  public int checkedSubscriptions() {
    return snapshot.subscriptions().size();
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("Could not refresh queue sizes: {}", e.toString());
    }
  }

  /**
   * Returns when the events (their types, in request order) may be published, having added them to
   * the queues they will join; otherwise records them as rejected and throws.
   *
   * @throws ApiException 429 {@code queue_full} at once for a {@code reject} subscription, 503
   *     {@code queue_full} after the timeout of a {@code block} subscription
   */
  public void admitEvents(List<UniversalEvent> events) throws InterruptedException {
    if (snapshot.subscriptions().isEmpty()) {
      return; // no block or reject subscription: nothing to check or count on the publish path
    }
    List<Map<String, Object>> variables = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      variables.add(null);
    }
    IntFunction<Map<String, Object>> lazily =
        i -> {
          Map<String, Object> vars = variables.get(i);
          if (vars == null) {
            vars = FilterVariables.of(events.get(i));
            variables.set(i, vars);
          }
          return vars;
        };
    admit(events.stream().map(UniversalEvent::getEventType).toList(), lazily);
  }

  /** As {@link #admitEvents}, for events of these types and no data (filters see the type only). */
  public void admit(List<String> eventTypes) throws InterruptedException {
    admit(eventTypes, i -> Map.of(FilterVariables.EVENT_TYPE, eventTypes.get(i)));
  }

  private void admit(List<String> eventTypes, IntFunction<Map<String, Object>> variables)
      throws InterruptedException {
    if (snapshot.subscriptions().isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start;
    while (true) {
      Snapshot current = snapshot;
      List<Offender> offenders = decide(eventTypes, variables, current);
      if (offenders.isEmpty()) {
        current.add(eventTypes, variables);
        return;
      }
      boolean reject = offenders.stream().anyMatch(o -> o.backpressure() == Backpressure.REJECT);
      for (Offender o : offenders) {
        deadline = Math.max(deadline, start + TimeUnit.MILLISECONDS.toNanos(o.blockTimeoutMs()));
      }
      long remaining = deadline - System.nanoTime();
      if (reject || remaining <= 0) {
        offenders.forEach(
            o -> counter.record(o.subscriptionId(), FlowCounts.rejected(o.indices().size())));
        throw refusal(offenders, reject);
      }
      synchronized (refreshed) {
        if (snapshot == current) {
          TimeUnit.NANOSECONDS.timedWait(refreshed, Math.min(remaining, interval.toNanos() * 2));
        }
      }
    }
  }

  /** The subscriptions whose queue cannot take the events that match them, with their indices. */
  static List<Offender> decide(
      List<String> eventTypes, IntFunction<Map<String, Object>> variables, Snapshot snapshot) {
    if (snapshot.subscriptions().isEmpty()) {
      return List.of();
    }
    Map<String, List<Integer>> matching = snapshot.matching(eventTypes, variables);
    List<Offender> offenders = new ArrayList<>();
    matching.forEach(
        (id, indices) -> {
          Subscription s = snapshot.subscriptions().get(id);
          long queue = snapshot.queueSize(id);
          if (queue + indices.size() > s.maxQueueSize()) {
            offenders.add(
                new Offender(
                    id,
                    s.backpressure(),
                    queue,
                    s.maxQueueSize(),
                    s.blockTimeoutMs(),
                    List.copyOf(indices)));
          }
        });
    return offenders;
  }

  static ApiException refusal(List<Offender> offenders, boolean reject) {
    List<Map<String, Object>> details = new ArrayList<>();
    for (Offender o : offenders) {
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("subscription_id", o.subscriptionId());
      detail.put("backpressure", o.backpressure().wireName());
      detail.put("queue_size", o.queueSize());
      detail.put("max_queue_size", o.maxQueueSize());
      detail.put("indices", o.indices());
      details.add(detail);
    }
    String message =
        reject
            ? "a subscription's queue is full; nothing was published"
            : "a subscription's queue stayed full for its block timeout; nothing was published";
    return ApiException.retryLater(
        reject ? 429 : 503, "queue_full", message, details, RETRY_AFTER_SECONDS);
  }

  /** A subscription that refuses the request. */
  record Offender(
      String subscriptionId,
      Backpressure backpressure,
      long queueSize,
      int maxQueueSize,
      int blockTimeoutMs,
      List<Integer> indices) {}

  /**
   * Queue sizes as last read, plus what this instance admitted since; the index matches the
   * subscriptions checked at publish.
   */
  record Snapshot(
      PatternIndex<String> index,
      Map<String, Subscription> subscriptions,
      Map<String, Optional<EventFilter>> filters,
      Map<String, Long> sizes,
      Map<String, AtomicLong> admitted) {
    static final Snapshot EMPTY =
        new Snapshot(PatternIndex.empty(), Map.of(), Map.of(), Map.of(), new ConcurrentHashMap<>());

    long queueSize(String id) {
      AtomicLong added = admitted.get(id);
      return sizes.getOrDefault(id, 0L) + (added == null ? 0 : added.get());
    }

    /** Per subscription, the indices of the events it takes (patterns, then filter). */
    Map<String, List<Integer>> matching(
        List<String> eventTypes, IntFunction<Map<String, Object>> variables) {
      Map<String, List<Integer>> matching = new LinkedHashMap<>();
      for (int i = 0; i < eventTypes.size(); i++) {
        for (String id : index.match(eventTypes.get(i))) {
          if (takes(id, variables, i)) {
            matching.computeIfAbsent(id, k -> new ArrayList<>()).add(i);
          }
        }
      }
      return matching;
    }

    private boolean takes(String id, IntFunction<Map<String, Object>> variables, int index) {
      Optional<EventFilter> filter = filters.get(id);
      if (filter == null) {
        return true;
      }
      return filter.isPresent() && filter.get().evaluate(variables.apply(index)).matched();
    }

    void add(List<String> eventTypes, IntFunction<Map<String, Object>> variables) {
      matching(eventTypes, variables)
          .forEach(
              (id, indices) ->
                  admitted.computeIfAbsent(id, k -> new AtomicLong()).addAndGet(indices.size()));
    }
  }
}
