package io.fluxgate.core.topology;

import java.util.Objects;

/**
 * One result field of an aggregate: {@code name} in the output's {@code data}, computed by {@code
 * op} over {@code path} (null for {@code count}).
 */
public record AggregationSpec(String name, AggregationOp op, EventPath path) {
  public AggregationSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
  }

  /** The name an unnamed aggregation gets: {@code count}, or {@code <op>_<leaf of path>}. */
  static String defaultName(AggregationOp op, EventPath path) {
    return path == null ? op.wireName() : op.wireName() + "_" + path.leaf();
  }
}
