package io.fluxgate.core.topology;

/**
 * A stream topology deployed by spec ({@code POST /v1/topologies}): each runs as its own Kafka
 * Streams application, and publishes its results as UniversalEvents of {@link #outputEventType()}.
 * Parsed and validated by {@link TopologySpecParser}.
 */
public sealed interface TopologySpec permits AggregateSpec, CorrelateSpec {

  /** Unique name: lowercase letters, digits and dashes; part of the application id. */
  String name();

  /** {@code aggregate} or {@code correlate}. */
  String kind();

  String outputEventType();
}
