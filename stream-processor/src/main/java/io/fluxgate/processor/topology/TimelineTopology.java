package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topic.PlatformTopics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Correlation timelines as a Kafka Streams topology, the always-on application {@value
 * #APPLICATION_ID}, fed by the fan-out:
 *
 * <pre>
 * fan-out (reads every event anyway): events with the correlation header, keyed by correlation id,
 *   stamped with event time, as JSON ({@link #correlatedFeed}) → topic {@value
 *   PlatformTopics#CORRELATED}
 * timelines: {@value PlatformTopics#CORRELATED} → window store {@value #STORE} (duplicates kept,
 *   one entry per event at its time, value = the event's JSON), kept for the retention
 * </pre>
 *
 * <p>The feed is keyed by correlation id with the default partitioner, so a correlation's events
 * meet in one partition whatever the event topics' partition counts and keys, and one instance
 * answers a timeline from one store (found with the same key serde, {@code String}). The timelines
 * thus read only the few correlated events instead of every event a second time, and need no schema
 * registry.
 */
public final class TimelineTopology {
  public static final String APPLICATION_ID = "fluxgate-timelines";

  /** The window store timelines are read from (interactive queries). */
  public static final String STORE = "correlation-timelines";

  /** Entries are single instants; the store keeps each event at its own time. */
  static final Duration ENTRY_SIZE = Duration.ofMillis(1);

  private TimelineTopology() {}

  /** The timelines application: reads {@link PlatformTopics#CORRELATED} into {@link #STORE}. */
  public static Topology buildTopology(Duration retention) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, retention, ENTRY_SIZE, true),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingDisabled());
    builder.stream(
            PlatformTopics.CORRELATED,
            Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("correlated-source"))
        .process(TimelineStoreProcessor::new, Named.as("keep"), STORE);
    return builder.build();
  }

  /**
   * The step that feeds the timelines, run by the fan-out on every event: forwards the events that
   * have a {@code source.correlation_id} (and the {@link PlatformTopics#CORRELATION_ID_HEADER}
   * header), keyed by it, stamped with the event's time, as the event's JSON; the others cost a
   * header lookup. Its output goes to {@link PlatformTopics#CORRELATED} with a {@code String} key
   * serializer and the default partitioner.
   *
   * @param codec decodes correlated events, with the registry's writer schemas
   */
  public static ProcessorSupplier<byte[], byte[], String, byte[]> correlatedFeed(
      EventCodec codec, EventJson eventJson) {
    EventSelector everything = new EventSelector(List.of("**"), null, codec);
    return () -> new TimelineInputProcessor(everything, eventJson);
  }
}
