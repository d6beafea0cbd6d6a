package io.fluxgate.processor.fanout;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the fan-out, shared by its tasks and read by health checks and metrics. */
public final class FanOutMetrics {
  private final LongAdder received = new LongAdder();
  private final LongAdder routed = new LongAdder();
  private final LongAdder unroutable = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder caughtUp = new LongAdder();

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
}
