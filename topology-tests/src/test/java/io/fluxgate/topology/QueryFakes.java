package io.fluxgate.topology;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fluxgate.core.topology.TopologySpec;
import io.fluxgate.processor.query.RemoteQueries;
import io.fluxgate.processor.query.StoreDirectory;
import io.fluxgate.processor.topology.RunningTopologies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;

/** Stand-ins for the Kafka Streams side of topology queries: metadata, stores, other instances. */
final class QueryFakes {
  private QueryFakes() {}

  record FakeTopology(TopologySpec spec) implements RunningTopologies.Running {
    @Override
    public KafkaStreams streams() {
      throw new UnsupportedOperationException("the tests read stores of a TopologyTestDriver");
    }
  }

  /** Every key on this instance unless given an owner; the store is a TopologyTestDriver's. */
  static final class FakeDirectory implements StoreDirectory {
    final Map<String, HostInfo> owners = new HashMap<>();
    final Set<HostInfo> hosts = new LinkedHashSet<>();
    Object store;
    boolean unknown;
    boolean queryable = true;
    private final HostInfo self;

    FakeDirectory(HostInfo self) {
      this.self = self;
    }

    @Override
    public Optional<HostInfo> activeHostFor(String storeName, String key) {
      return unknown ? Optional.empty() : Optional.of(owners.getOrDefault(key, self));
    }

    @Override
    public Set<HostInfo> hostsOf(String storeName) {
      return unknown ? Set.of() : hosts.isEmpty() ? Set.of(self) : hosts;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T localStore(String storeName, QueryableStoreType<T> type) {
      if (!queryable) {
        throw new InvalidStateStoreException("rebalancing");
      }
      return (T) store;
    }
  }

  static final class FakeRemote implements RemoteQueries {
    final List<String> calls = new ArrayList<>();
    final ArrayNode answer = JsonNodeFactory.instance.arrayNode();
    RuntimeException failure;

    @Override
    public ArrayNode localResults(
        HostInfo host, String topology, Optional<List<String>> keys, Instant from, Instant to) {
      calls.add(
          host.host()
              + ":"
              + host.port()
              + " "
              + topology
              + " "
              + keys.map(Object::toString).orElse("all")
              + " "
              + from
              + " "
              + to);
      if (failure != null) {
        throw failure;
      }
      return answer;
    }

    @Override
    public ArrayNode localTimeline(HostInfo host, String correlationId) {
      calls.add(host.host() + ":" + host.port() + " timeline " + correlationId);
      return answer;
    }
  }

  /** A timeline store that holds nothing (the timelines topology has its own tests). */
  static final class EmptyTimelineStore
      implements org.apache.kafka.streams.state.ReadOnlyWindowStore<String, byte[]> {
    @Override
    public byte[] fetch(String key, long time) {
      return null;
    }

    @Override
    public org.apache.kafka.streams.state.WindowStoreIterator<byte[]> fetch(
        String key, Instant timeFrom, Instant timeTo) {
      return new org.apache.kafka.streams.state.WindowStoreIterator<>() {
        @Override
        public void close() {}

        @Override
        public Long peekNextKey() {
          throw new java.util.NoSuchElementException();
        }

        @Override
        public boolean hasNext() {
          return false;
        }

        @Override
        public org.apache.kafka.streams.KeyValue<Long, byte[]> next() {
          throw new java.util.NoSuchElementException();
        }
      };
    }

    @Override
    public org.apache.kafka.streams.state.KeyValueIterator<
            org.apache.kafka.streams.kstream.Windowed<String>, byte[]>
        fetch(String keyFrom, String keyTo, Instant timeFrom, Instant timeTo) {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.apache.kafka.streams.state.KeyValueIterator<
            org.apache.kafka.streams.kstream.Windowed<String>, byte[]>
        all() {
      throw new UnsupportedOperationException();
    }

    @Override
    public org.apache.kafka.streams.state.KeyValueIterator<
            org.apache.kafka.streams.kstream.Windowed<String>, byte[]>
        fetchAll(Instant timeFrom, Instant timeTo) {
      throw new UnsupportedOperationException();
    }
  }
}
