package io.fluxgate.core.topology;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code kind: correlate}: events matching {@code left} joined with events matching {@code right}
 * of the same correlation id ({@code source.correlation_id}) when the right one happens at most
 * {@code within} after the left one, published as {@code outputEventType} with {@code duration_ms}
 * (right minus left timestamp) and {@code fields}, each a {@code left.}/{@code right.} path. A left
 * side that has met no right side when its window closes (after {@code grace}) yields a {@code
 * timeoutEventType} event in every join mode; {@code left} and {@code outer} joins also publish it
 * as an output without its right side, and {@code outer} publishes a right side that met no left
 * side as an output without its left side.
 */
public record CorrelateSpec(
    String name,
    List<String> left,
    List<String> right,
    Duration within,
    Duration grace,
    JoinType join,
    String outputEventType,
    String timeoutEventType,
    Map<String, SidePath> fields)
    implements TopologySpec {

  public CorrelateSpec {
    Objects.requireNonNull(name, "name");
    left = List.copyOf(left);
    right = List.copyOf(right);
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(join, "join");
    Objects.requireNonNull(outputEventType, "outputEventType");
    Objects.requireNonNull(timeoutEventType, "timeoutEventType");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public String kind() {
    return "correlate";
  }

  /** Which side of the join a field is read from. */
  public enum Side {
    LEFT,
    RIGHT
  }

  /** A path on one side of the join: {@code left.data.path}. */
  public record SidePath(Side side, EventPath path) {
    @Override
    public String toString() {
      return side.name().toLowerCase(java.util.Locale.ROOT) + "." + path;
    }
  }
}
