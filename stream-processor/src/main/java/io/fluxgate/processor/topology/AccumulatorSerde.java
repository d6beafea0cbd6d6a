package io.fluxgate.processor.topology;

import io.fluxgate.core.topology.AggregationSpec;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** {@link Accumulator}s of one spec's aggregations in their state store and changelog. */
final class AccumulatorSerde {
  private AccumulatorSerde() {}

  static Serde<Accumulator> of(List<AggregationSpec> aggregations) {
    return Serdes.serdeFrom(
        (topic, acc) -> acc == null ? null : acc.toBytes(),
        (topic, bytes) -> bytes == null ? null : Accumulator.fromBytes(bytes, aggregations));
  }
}
