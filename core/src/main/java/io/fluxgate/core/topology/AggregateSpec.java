package io.fluxgate.core.topology;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code kind: aggregate}: the events matching {@code input} (and {@code filter}, a CEL expression,
 * if any), grouped by {@code groupBy} paths and windowed, reduced to {@code aggregations}, and
 * published as events of {@code outputEventType} once per window ({@code final}) or on every change
 * ({@code updates}). Window state is kept for {@code retention} (at least size + grace) and
 * readable at {@code GET /v1/topologies/{name}/results}.
 */
public record AggregateSpec(
    String name,
    List<String> input,
    String filter,
    List<EventPath> groupBy,
    WindowSpec window,
    List<AggregationSpec> aggregations,
    EmitMode emit,
    String outputEventType,
    Duration retention)
    implements TopologySpec {

  public AggregateSpec {
    Objects.requireNonNull(name, "name");
    input = List.copyOf(input);
    groupBy = List.copyOf(groupBy);
    Objects.requireNonNull(window, "window");
    aggregations = List.copyOf(aggregations);
    Objects.requireNonNull(emit, "emit");
    Objects.requireNonNull(outputEventType, "outputEventType");
    Objects.requireNonNull(retention, "retention");
  }

  @Override
  public String kind() {
    return "aggregate";
  }
}
