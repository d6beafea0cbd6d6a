package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Correlation timelines as a Kafka Streams topology, the always-on application {@value
 * #APPLICATION_ID}:
 *
 * <pre>
 * event topics → events with a source.correlation_id, keyed by it, stamped with event time
 *   → repartition by correlation id → window store {@value #STORE} (duplicates kept, one entry per
 *     event at its time, value = the event's JSON), kept for the retention
 * </pre>
 *
 * <p>The repartition makes a correlation's events meet in one partition whatever the event topics'
 * partition counts and keys (results of topologies are keyed otherwise), so one instance answers a
 * timeline from one store.
 */
public final class TimelineTopology {
  public static final String APPLICATION_ID = "fluxgate-timelines";

  /** The window store timelines are read from (interactive queries). */
  public static final String STORE = "correlation-timelines";

  /** Entries are single instants; the store keeps each event at its own time. */
  static final Duration ENTRY_SIZE = Duration.ofMillis(1);

  private TimelineTopology() {}

  public static Topology buildTopology(
      List<String> eventTopics, EventCodec codec, EventJson eventJson, Duration retention) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, retention, ENTRY_SIZE, true),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingDisabled());
    EventSelector everything = new EventSelector(List.of("**"), null, codec);
    builder.stream(eventTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .process(() -> new TimelineInputProcessor(everything, eventJson), Named.as("correlated"))
        .repartition(
            Repartitioned.<String, byte[]>as("by-correlation")
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.ByteArray()))
        .process(TimelineStoreProcessor::new, Named.as("keep"), STORE);
    return builder.build();
  }
}
