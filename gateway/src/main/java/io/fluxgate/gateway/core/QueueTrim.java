package io.fluxgate.gateway.core;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code drop_oldest} decision: when a queue holds more than {@code maxQueueSize}, how many of
 * the oldest events to skip in each partition so that at most {@code maxQueueSize} remain. Each
 * partition keeps its share of the bound, proportional to its own queue and rounded down, so the
 * newest events of every partition stay.
 *
 * <pre>{@code
 * QueueTrim.skips(Map.of(p0, 30L, p1, 10L), 20); // {p0=15, p1=5}: 15 + 5 kept
 * }</pre>
 */
final class QueueTrim {
  private QueueTrim() {}

  /**
   * How many events to skip per partition (only partitions with something to skip), given each
   * partition's queue.
   */
  static <P> Map<P, Long> skips(Map<P, Long> queues, long maxQueueSize) {
    long total = queues.values().stream().mapToLong(Long::longValue).sum();
    Map<P, Long> skips = new HashMap<>();
    if (total <= maxQueueSize) {
      return skips;
    }
    BigInteger max = BigInteger.valueOf(maxQueueSize);
    BigInteger sum = BigInteger.valueOf(total);
    queues.forEach(
        (partition, queue) -> {
          long keep = BigInteger.valueOf(queue).multiply(max).divide(sum).longValue();
          if (queue - keep > 0) {
            skips.put(partition, queue - keep);
          }
        });
    return skips;
  }
}
