package io.fluxgate.processor.topology;

import io.fluxgate.core.topology.AggregationOp;
import io.fluxgate.core.topology.AggregationSpec;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The running state of one window and group of an aggregate: the number of events, and for each
 * aggregation of the spec the count, sum, minimum and maximum of its numeric values, or a KLL
 * sketch for a quantile. Mergeable (session windows merge), and serialized by {@link #toBytes()}.
 *
 * <p>Quantiles come from {@link KllDoublesSketch} with {@code k = }{@value #SKETCH_K}: a normalized
 * rank error of about 1.3% (99% confidence), whatever the number of values; see the README.
 */
final class Accumulator {
  static final int SKETCH_K = 200;
  private static final byte VERSION = 1;

  private long events;
  private final long[] counts;
  private final double[] sums;
  private final double[] mins;
  private final double[] maxs;
  private final KllDoublesSketch[] sketches;

  Accumulator(List<AggregationSpec> aggregations) {
    int n = aggregations.size();
    counts = new long[n];
    sums = new double[n];
    mins = new double[n];
    maxs = new double[n];
    sketches = new KllDoublesSketch[n];
    for (int i = 0; i < n; i++) {
      mins[i] = Double.POSITIVE_INFINITY;
      maxs[i] = Double.NEGATIVE_INFINITY;
      if (aggregations.get(i).op().isQuantile()) {
        sketches[i] = KllDoublesSketch.newHeapInstance(SKETCH_K);
      }
    }
  }

  /** Adds one event: {@code values[i]} is its value for aggregation {@code i}, NaN for none. */
  Accumulator add(double[] values) {
    events++;
    for (int i = 0; i < counts.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      counts[i]++;
      sums[i] += v;
      mins[i] = Math.min(mins[i], v);
      maxs[i] = Math.max(maxs[i], v);
      if (sketches[i] != null) {
        sketches[i].update(v);
      }
    }
    return this;
  }

  /** Adds everything {@code other} holds (of the same spec) to this one. */
  Accumulator merge(Accumulator other) {
    events += other.events;
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
      sums[i] += other.sums[i];
      mins[i] = Math.min(mins[i], other.mins[i]);
      maxs[i] = Math.max(maxs[i], other.maxs[i]);
      if (sketches[i] != null && !other.sketches[i].isEmpty()) {
        sketches[i].merge(other.sketches[i]);
      }
    }
    return this;
  }

  long events() {
    return events;
  }

  /**
   * Each aggregation's result by name: {@code count} an integer, the others a number, or null when
   * no event of the window had a numeric value at the path.
   */
  Map<String, Object> results(List<AggregationSpec> aggregations) {
    Map<String, Object> results = new LinkedHashMap<>();
    for (int i = 0; i < aggregations.size(); i++) {
      AggregationSpec a = aggregations.get(i);
      results.put(a.name(), result(i, a.op()));
    }
    return results;
  }

  private Object result(int i, AggregationOp op) {
    if (op == AggregationOp.COUNT) {
      return events;
    }
    if (counts[i] == 0) {
      return null;
    }
    return switch (op) {
      case SUM -> sums[i];
      case AVG -> sums[i] / counts[i];
      case MIN -> mins[i];
      case MAX -> maxs[i];
      default -> sketches[i].getQuantile(op.quantile());
    };
  }

  byte[] toBytes() {
    byte[][] sketchBytes = new byte[counts.length][];
    int size = 1 + Long.BYTES + Integer.BYTES;
    for (int i = 0; i < counts.length; i++) {
      size += Long.BYTES + 3 * Double.BYTES + Integer.BYTES;
      if (sketches[i] != null) {
        sketchBytes[i] = sketches[i].toByteArray();
        size += sketchBytes[i].length;
      }
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(VERSION).putLong(events).putInt(counts.length);
    for (int i = 0; i < counts.length; i++) {
      out.putLong(counts[i]).putDouble(sums[i]).putDouble(mins[i]).putDouble(maxs[i]);
      if (sketchBytes[i] == null) {
        out.putInt(-1);
      } else {
        out.putInt(sketchBytes[i].length).put(sketchBytes[i]);
      }
    }
    return out.array();
  }

  /**
   * Reads what {@link #toBytes()} wrote for the same aggregations.
   *
   * @throws IllegalArgumentException for bytes of another version or another spec
   */
  static Accumulator fromBytes(byte[] bytes, List<AggregationSpec> aggregations) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.get() != VERSION) {
      throw new IllegalArgumentException("unknown accumulator version");
    }
    Accumulator acc = new Accumulator(aggregations);
    acc.events = in.getLong();
    int n = in.getInt();
    if (n != aggregations.size()) {
      throw new IllegalArgumentException(
          "accumulator of " + n + " aggregations, the spec has " + aggregations.size());
    }
    for (int i = 0; i < n; i++) {
      acc.counts[i] = in.getLong();
      acc.sums[i] = in.getDouble();
      acc.mins[i] = in.getDouble();
      acc.maxs[i] = in.getDouble();
      int length = in.getInt();
      if (length >= 0) {
        byte[] sketch = new byte[length];
        in.get(sketch);
        acc.sketches[i] = KllDoublesSketch.heapify(Memory.wrap(sketch));
      }
    }
    return acc;
  }
}
