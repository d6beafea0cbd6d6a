package io.fluxgate.benchmarks.load;

/**
 * The open-loop schedule of one connection: request k is due at {@code start + offset + k *
 * interval}, whatever happened to the requests before it. Latency is measured from that intended
 * time, so a stalled server is charged for every request it delayed (no coordinated omission). With
 * no rate, every request is due at once and latency runs from the actual send.
 */
public final class RatePacer {
  private final long startNanos;
  private final long intervalNanos;
  private long next;

  private RatePacer(long startNanos, long intervalNanos) {
    this.startNanos = startNanos;
    this.intervalNanos = intervalNanos;
  }

  /**
   * The pacer of connection {@code index} of {@code connections}, sending {@code eventsPerRequest}
   * events a request, so that all connections together send {@code eventsPerSecond} (0: flat out).
   * Connections are staggered evenly within one interval.
   */
  public static RatePacer of(
      long startNanos, long eventsPerSecond, int connections, int eventsPerRequest, int index) {
    if (eventsPerSecond <= 0) {
      return new RatePacer(startNanos, 0);
    }
    double interval = 1e9 * connections * eventsPerRequest / eventsPerSecond;
    long offset = (long) (interval * index / connections);
    return new RatePacer(startNanos + offset, Math.max(1, (long) interval));
  }

  public boolean paced() {
    return intervalNanos > 0;
  }

  /** The intended send time of the next request; each call moves to the one after. */
  public long nextIntendedNanos() {
    return startNanos + intervalNanos * next++;
  }

  /** Waits until {@code intendedNanos}; returns at once when it has passed. */
  public static void awaitNanos(long intendedNanos) throws InterruptedException {
    long remaining;
    while ((remaining = intendedNanos - System.nanoTime()) > 0) {
      if (remaining > 200_000) {
        java.util.concurrent.locks.LockSupport.parkNanos(remaining - 100_000);
      } else {
        Thread.onSpinWait();
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
