package io.fluxgate.processor.topology;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many stream thread failures a topology may have within a sliding window before it is given
 * up: a thread that fails is replaced, but not forever.
 */
final class FailureBudget {
  private final int maxFailures;
  private final long windowMillis;
  private final Deque<Long> failures = new ArrayDeque<>();

  FailureBudget(int maxFailures, Duration window) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
  }

  /** Records a failure at {@code nowMillis}; true when it is the last one allowed. */
  synchronized boolean exhaustedBy(long nowMillis) {
    failures.addLast(nowMillis);
    while (!failures.isEmpty() && failures.peekFirst() <= nowMillis - windowMillis) {
      failures.removeFirst();
    }
    return failures.size() >= maxFailures;
  }
}
