package io.fluxgate.processor.query;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * Where the state of one Kafka Streams application lives: which instance holds a key, which
 * instances hold parts of a store, and this instance's part. {@link KafkaStreamsStores} asks a
 * running {@code KafkaStreams}; tests hand in stores of a TopologyTestDriver.
 */
public interface StoreDirectory {

  /** The instance whose active task holds {@code key} of {@code store}; empty while unknown. */
  Optional<HostInfo> activeHostFor(String store, String key);

  /** Every instance holding a part of {@code store}; empty while unknown (rebalancing). */
  Set<HostInfo> hostsOf(String store);

  /**
   * This instance's part of {@code store}.
   *
   * @throws org.apache.kafka.streams.errors.InvalidStateStoreException while it is not queryable
   */
  <T> T localStore(String store, QueryableStoreType<T> type);
}
