package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.EmitMode;
import io.fluxgate.core.topology.WindowSpec;
import io.fluxgate.core.topology.WindowType;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SessionWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.SessionStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * {@code kind: aggregate} as a Kafka Streams topology:
 *
 * <pre>
 * event topics → select (type glob, filter), key by group, stamp with event time
 *   → repartition by group → tumbling | hopping | session windows with grace
 *   → aggregate into {@link Accumulator}s (store {@value #STORE}, kept for the spec's retention)
 *   → [final: suppress until the window closes] → result events → the output type's topic
 * </pre>
 *
 * <p>Events later than the grace are dropped by Kafka Streams and counted in its task metric {@code
 * dropped-records-total}.
 */
public final class AggregateTopology {
  /** The window store results are read from (interactive queries). */
  public static final String STORE = "aggregate-windows";

  private AggregateTopology() {}

  public static Topology buildTopology(
      AggregateSpec spec,
      List<String> eventTopics,
      EventCodec codec,
      TopologyOutput output,
      TopologyCounters counters) {
    StreamsBuilder builder = new StreamsBuilder();
    EventSelector selector = new EventSelector(spec.input(), spec.filter(), codec);
    KGroupedStream<String, double[]> grouped =
        builder.stream(eventTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
            .process(
                () -> new AggregateInputProcessor(spec, selector, counters), Named.as("select"))
            .groupByKey(Grouped.with("group", Serdes.String(), DoubleArraySerde.serde()));
    KTable<Windowed<String>, Accumulator> windows = windows(spec, grouped);
    if (spec.emit() == EmitMode.FINAL) {
      windows =
          windows.suppress(
              Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                  .withName("until-window-closes"));
    }
    windows
        .toStream(Named.as("results"))
        .process(() -> new AggregateResultProcessor(spec, output, counters), Named.as("publish"))
        .to(
            output.topicFor(spec.outputEventType()),
            Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }

  private static KTable<Windowed<String>, Accumulator> windows(
      AggregateSpec spec, KGroupedStream<String, double[]> grouped) {
    WindowSpec window = spec.window();
    Serde<Accumulator> accumulators = AccumulatorSerde.of(spec.aggregations());
    if (window.type() == WindowType.SESSION) {
      return grouped
          .windowedBy(SessionWindows.ofInactivityGapAndGrace(window.size(), window.grace()))
          .aggregate(
              () -> new Accumulator(spec.aggregations()),
              (key, values, acc) -> acc.add(values),
              (key, left, right) -> left.merge(right),
              Named.as("aggregate"),
              Materialized.<String, Accumulator, SessionStore<Bytes, byte[]>>as(STORE)
                  .withKeySerde(Serdes.String())
                  .withValueSerde(accumulators)
                  .withRetention(spec.retention()));
    }
    TimeWindows windows =
        TimeWindows.ofSizeAndGrace(window.size(), window.grace()).advanceBy(window.advance());
    return grouped
        .windowedBy(windows)
        .aggregate(
            () -> new Accumulator(spec.aggregations()),
            (key, values, acc) -> acc.add(values),
            Named.as("aggregate"),
            Materialized.<String, Accumulator, WindowStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(accumulators)
                .withRetention(spec.retention()));
  }
}
