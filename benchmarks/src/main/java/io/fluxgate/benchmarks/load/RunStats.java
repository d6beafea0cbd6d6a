package io.fluxgate.benchmarks.load;

import java.util.Arrays;
import java.util.Collection;

/**
 * The min, median and max of one figure over several runs of a benchmark (issue 6 asks for figures
 * with their spread over runs, not one number). The median of an even count is the mean of the two
 * middle values; one run gives the same value three times.
 */
public record RunStats(int runs, double min, double median, double max) {

  /** The statistics of {@code values}, which must not be empty. */
  public static RunStats of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new RunStats(n, sorted[0], median, sorted[n - 1]);
  }
}
