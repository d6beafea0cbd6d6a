package io.fluxgate.benchmarks.load;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds; {@code count} 0 when empty. */
public record LatencySummary(
    long count, long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros) {

  public static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(
        micros.getTotalCount(),
        micros.getValueAtPercentile(50),
        micros.getValueAtPercentile(90),
        micros.getValueAtPercentile(99),
        micros.getValueAtPercentile(99.9),
        micros.getMaxValue());
  }

  /** The histogram every phase records into: 1 µs to 1 h, 3 significant digits, thread-safe. */
  public static Histogram newHistogram() {
    return new org.HdrHistogram.ConcurrentHistogram(3_600_000_000L, 3);
  }
}
