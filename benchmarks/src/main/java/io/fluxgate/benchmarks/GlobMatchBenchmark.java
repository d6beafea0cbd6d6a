package io.fluxgate.benchmarks;

import io.fluxgate.core.glob.PatternIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The multi-pattern glob matcher: matches per second for one event type against 10, 1,000 and
 * 10,000 subscription patterns, for types seen before (the memo answers) and new ones.
 *
 * <p>{@link #newType} takes its never-seen types from a ring of {@value #FRESH_TYPES} distinct
 * strings built in setup, so it measures the matcher (memo miss, trie walk, memo insert) and not
 * the building of the string; the ring is far larger than the memo, so each type has long been
 * evicted when the ring comes round again. Only the strings' cached hash codes survive a round,
 * which saves one hash of about 20 characters per call. {@link #newTypeBuiltPerCall} is the older
 * form, concatenating a new string per call as a request parser would: the difference between the
 * two is string building and hashing, not matching.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GlobMatchBenchmark {
  @Param({"10", "1000", "10000"})
  public int patterns;

  private PatternIndex<Integer> index;
  static final int FRESH_TYPES = 1 << 18;

  private String[] seen;
  private String[] fresh;
  private long next;

  @Setup(Level.Trial)
  public void build() {
    PatternIndex.Builder<Integer> builder = PatternIndex.builder();
    for (int i = 0; i < patterns; i++) {
      builder.add(i, pattern(i));
    }
    index = builder.build();
    List<String> types = new ArrayList<>();
    for (int i = 0; i < 1024; i++) {
      types.add("svc" + (i % 97) + ".op" + (i % 13) + ".error");
    }
    seen = types.toArray(String[]::new);
    for (String type : seen) {
      index.match(type);
    }
    fresh = new String[FRESH_TYPES];
    for (int i = 0; i < FRESH_TYPES; i++) {
      fresh[i] = "fresh" + i + ".op.error";
    }
  }

  /** A mix of literal, single-segment and multi-segment wildcards and alternatives. */
  static String pattern(int i) {
    return switch (i % 4) {
      case 0 -> "svc" + i + ".op" + (i % 13) + ".*";
      case 1 -> "**.e" + i;
      case 2 -> "{svc" + i + ",tool" + i + "}.started";
      default -> "svc" + (i % 97) + ".**";
    };
  }

  @Benchmark
  public Object seenType() {
    return index.match(seen[(int) (next++ & 1023)]);
  }

  @Benchmark
  public Object newType() {
    return index.match(fresh[(int) (next++ & (FRESH_TYPES - 1))]);
  }

  @Benchmark
  public Object newTypeBuiltPerCall() {
    return index.match("fresh" + (next++) + ".op.error");
  }
}
