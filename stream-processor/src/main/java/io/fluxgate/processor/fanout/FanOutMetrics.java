package io.fluxgate.processor.fanout;

import io.fluxgate.core.filter.FilterOutcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the fan-out, shared by its tasks and read by health checks and metrics. */
public final class FanOutMetrics {
  private final LongAdder received = new LongAdder();
  private final LongAdder routed = new LongAdder();
  private final LongAdder unroutable = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder caughtUp = new LongAdder();
  private final LongAdder writtenByRouter = new LongAdder();
  private final Map<FilterOutcome, LongAdder> filterOutcomes = new EnumMap<>(FilterOutcome.class);
  private final LongAdder filterUndecodable = new LongAdder();

  public FanOutMetrics() {
    for (FilterOutcome outcome : FilterOutcome.values()) {
      filterOutcomes.put(outcome, new LongAdder());
    }
  }

  void received() {
    received.increment();
  }

  void routed(int copies) {
    routed.add(copies);
  }

  void unroutable() {
    unroutable.increment();
  }

  void expired() {
    expired.increment();
  }

  void caughtUp() {
    routed.increment();
    caughtUp.increment();
  }

  void writtenByRouter() {
    writtenByRouter.increment();
  }

  void filtered(FilterOutcome outcome) {
    filterOutcomes.get(outcome).increment();
  }

  void filterUndecodable() {
    filterUndecodable.increment();
  }

  public long receivedCount() {
    return received.sum();
  }

  /** Copies written to subscription topics (one event routed to three subscriptions counts 3). */
  public long routedCount() {
    return routed.sum();
  }

  /** Records without an event-type header: not written by a Fluxgate gateway. */
  public long unroutableCount() {
    return unroutable.sum();
  }

  public long expiredCount() {
    return expired.sum();
  }

  /** Copies written by catch-up, for subscriptions starting before the fan-out's position. */
  public long caughtUpCount() {
    return caughtUp.sum();
  }

  /**
   * Copies the router wrote with its stream thread's producer (at-least-once) rather than through
   * the topology's sink (exactly-once); part of {@link #routedCount()}.
   */
  public long writtenByRouterCount() {
    return writtenByRouter.sum();
  }

  /**
   * Filter evaluations that gave {@code outcome}, one per (event, filtered subscription) whose
   * patterns matched. {@link FilterOutcome#MISSING_FIELD} and {@link FilterOutcome#ERROR} are
   * events a filter did not deliver because of its own shape: a rising error count means a filter
   * that compares the wrong types.
   */
  public long filterCount(FilterOutcome outcome) {
    return filterOutcomes.get(outcome).sum();
  }

  /**
   * Events a filtered subscription did not get because their value could not be decoded (unknown
   * schema id, corrupt payload).
   */
  public long filterUndecodableCount() {
    return filterUndecodable.sum();
  }
}
