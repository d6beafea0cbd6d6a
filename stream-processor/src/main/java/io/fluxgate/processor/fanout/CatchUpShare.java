package io.fluxgate.processor.fanout;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The share of a stream thread's time that catching subscriptions up may take from routing live
 * records: after a catch-up step that took {@code d} (1 ms or more), no task on the same thread
 * runs another step for at least {@code d}, whether a live record or a punctuation asks. Counted
 * per thread, because the tasks of one stream thread share its time: with a budget per task, three
 * tasks on one thread took turns stepping and left the live path almost nothing.
 */
final class CatchUpShare {

  /** The share every fan-out task uses; one budget per stream thread. */
  static final CatchUpShare PER_THREAD = new CatchUpShare(System::nanoTime);

  /** No share: every step runs when asked. */
  static final CatchUpShare NONE = new CatchUpShare(null);

  /** Steps shorter than this hold no live record back worth yielding for. */
  private static final long FAIR_FROM_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** The share {@code config} asks for: {@link #PER_THREAD} or {@link #NONE}. */
  static CatchUpShare of(CatchUpConfig config) {
    return config.fairShare() ? PER_THREAD : NONE;
  }

  private final LongSupplier nanoClock;
  private final ThreadLocal<long[]> liveUntil = new ThreadLocal<>();

  CatchUpShare(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  long now() {
    return nanoClock == null ? 0 : nanoClock.getAsLong();
  }

  /** Whether a step may run now, or the live path is still owed routing time by the last one. */
  boolean mayStep() {
    if (nanoClock == null) {
      return true;
    }
    long[] until = liveUntil.get();
    return until == null || now() - until[0] >= 0;
  }

  /** Records a step that ran from {@code startedNanos} until now. */
  void stepped(long startedNanos) {
    if (nanoClock == null) {
      return;
    }
    long ended = now();
    long took = ended - startedNanos;
    long[] until = liveUntil.get();
    if (until == null) {
      until = new long[1];
      liveUntil.set(until);
    }
    until[0] = took < FAIR_FROM_NANOS ? ended : ended + took;
  }
}
