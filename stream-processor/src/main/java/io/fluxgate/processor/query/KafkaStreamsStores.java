package io.fluxgate.processor.query;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * A {@link StoreDirectory} of a running {@link KafkaStreams} with String keys: its metadata names
 * instances by their {@code application.server}, which every application must be given for queries
 * to find state on other instances. While the application is not running, no instance is known to
 * hold anything (the query service answers "unavailable").
 */
public final class KafkaStreamsStores implements StoreDirectory {
  private final KafkaStreams streams;

  public KafkaStreamsStores(KafkaStreams streams) {
    this.streams = Objects.requireNonNull(streams, "streams");
  }

  @Override
  public Optional<HostInfo> activeHostFor(String store, String key) {
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return Optional.empty(); // not running (yet, or any more): nobody is known to hold it
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      return Optional.empty();
    }
    return Optional.of(metadata.activeHost());
  }

  @Override
  public Set<HostInfo> hostsOf(String store) {
    Set<HostInfo> hosts = new LinkedHashSet<>();
    Collection<StreamsMetadata> all;
    try {
      all = streams.streamsMetadataForStore(store);
    } catch (IllegalStateException | InvalidStateStoreException e) {
      return hosts;
    }
    for (StreamsMetadata metadata : all) {
      hosts.add(metadata.hostInfo());
    }
    return hosts;
  }

  @Override
  public <T> T localStore(String store, QueryableStoreType<T> type) {
    return streams.store(StoreQueryParameters.fromNameAndType(store, type));
  }
}
