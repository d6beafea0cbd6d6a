package io.fluxgate.core.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an aggregate computes per window and group. {@code count} needs no path; the others read a
 * numeric path. Quantiles come from a mergeable sketch, so they are approximate.
 */
public enum AggregationOp {
  COUNT(Double.NaN),
  SUM(Double.NaN),
  AVG(Double.NaN),
  MIN(Double.NaN),
  MAX(Double.NaN),
  P50(0.50),
  P95(0.95),
  P99(0.99);

  private final double quantile;

  AggregationOp(double quantile) {
    this.quantile = quantile;
  }

  /** Whether the operation reads a numeric path. */
  public boolean needsPath() {
    return this != COUNT;
  }

  public boolean isQuantile() {
    return !Double.isNaN(quantile);
  }

  /** The rank of a quantile operation (0.95 for {@code p95}); NaN for the others. */
  public double quantile() {
    return quantile;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The operation named {@code text} in a spec.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static AggregationOp fromWireName(String text) {
    for (AggregationOp op : values()) {
      if (op.wireName().equals(text)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "unknown aggregation '"
            + text
            + "': one of "
            + Arrays.stream(values())
                .map(AggregationOp::wireName)
                .collect(Collectors.joining(", ")));
  }
}
