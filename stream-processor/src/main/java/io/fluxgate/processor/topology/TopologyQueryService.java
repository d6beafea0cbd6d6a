package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.InvalidTopologyQueryException.Reason;
import io.fluxgate.core.topology.TopologyQueries;
import io.fluxgate.processor.query.KafkaStreamsStores;
import io.fluxgate.processor.query.RemoteQueries;
import io.fluxgate.processor.query.StoreDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * {@link TopologyQueries} answered from Kafka Streams state stores, wherever they live: a group's
 * windows and a correlation's timeline are read on the instance that holds their key ({@code
 * queryMetadataForKey}), all groups' windows on every instance holding a part of the store, merged.
 * Another instance is asked over {@link RemoteQueries}; this one reads its own stores. An instance
 * is this one when its {@code application.server} is {@code self} (or unset, as in a single
 * instance without one).
 *
 * <pre>{@code
 * TopologyQueries queries = new TopologyQueryService(running, timelines::streams, self, remote, clock);
 * }</pre>
 */
public final class TopologyQueryService implements TopologyQueries {
  private final RunningTopologies topologies;
  private final Function<RunningTopologies.Running, StoreDirectory> directories;
  private final Supplier<Optional<StoreDirectory>> timelines;
  private final Supplier<Optional<HostInfo>> self;
  private final RemoteQueries remote;
  private final Clock clock;

  /** For running Kafka Streams applications: the topologies' and the timelines' (when running). */
  public static TopologyQueryService of(
      RunningTopologies topologies,
      Supplier<Optional<org.apache.kafka.streams.KafkaStreams>> timelines,
      Supplier<Optional<HostInfo>> self,
      RemoteQueries remote,
      Clock clock) {
    return new TopologyQueryService(
        topologies,
        running -> new KafkaStreamsStores(running.streams()),
        () -> timelines.get().map(KafkaStreamsStores::new),
        self,
        remote,
        clock);
  }

  public TopologyQueryService(
      RunningTopologies topologies,
      Function<RunningTopologies.Running, StoreDirectory> directories,
      Supplier<Optional<StoreDirectory>> timelines,
      Supplier<Optional<HostInfo>> self,
      RemoteQueries remote,
      Clock clock) {
    this.topologies = Objects.requireNonNull(topologies, "topologies");
    this.directories = Objects.requireNonNull(directories, "directories");
    this.timelines = Objects.requireNonNull(timelines, "timelines");
    this.self = Objects.requireNonNull(self, "self");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<ArrayNode> results(
      String name, Optional<List<String>> group, Instant from, Instant to) {
    Optional<RunningTopologies.Running> running = topologies.get(name);
    if (running.isEmpty()) {
      return Optional.empty();
    }
    AggregateSpec spec = aggregate(running.get());
    Optional<List<String>> keys = group.map(values -> keysOf(spec, values));
    StoreDirectory directory = directories.apply(running.get());
    Map<HostInfo, Optional<List<String>>> asks = new LinkedHashMap<>();
    if (keys.isPresent()) {
      for (String key : keys.get()) {
        HostInfo host =
            directory
                .activeHostFor(AggregateTopology.STORE, key)
                .orElseThrow(() -> unavailable("the windows of '" + name + "' are moving"));
        asks.computeIfAbsent(host, h -> Optional.of(new ArrayList<>()))
            .ifPresent(list -> list.add(key));
      }
    } else {
      Set<HostInfo> hosts = directory.hostsOf(AggregateTopology.STORE);
      if (hosts.isEmpty()) {
        throw unavailable("the windows of '" + name + "' are not assigned yet");
      }
      hosts.forEach(host -> asks.put(host, Optional.empty()));
    }
    List<ObjectNode> windows = new ArrayList<>();
    asks.forEach(
        (host, hostKeys) -> {
          if (isSelf(host)) {
            windows.addAll(readLocal(spec, directory, hostKeys, from, to));
          } else {
            for (JsonNode window : remote.localResults(host, name, hostKeys, from, to)) {
              windows.add((ObjectNode) window);
            }
          }
        });
    windows.sort(AggregateWindowsReader.ORDER);
    return Optional.of(array(windows));
  }

  /**
   * The windows this instance holds of aggregate {@code name}: of these group keys, or all; empty
   * when the topology does not run here.
   */
  public Optional<ArrayNode> localResults(
      String name, Optional<List<String>> keys, Instant from, Instant to) {
    Optional<RunningTopologies.Running> running = topologies.get(name);
    if (running.isEmpty()) {
      return Optional.empty();
    }
    AggregateSpec spec = aggregate(running.get());
    return Optional.of(array(readLocal(spec, directories.apply(running.get()), keys, from, to)));
  }

  @Override
  public ArrayNode timeline(String correlationId) {
    StoreDirectory directory =
        timelines.get().orElseThrow(() -> unavailable("correlation timelines are not running"));
    HostInfo host =
        directory
            .activeHostFor(TimelineTopology.STORE, correlationId)
            .orElseThrow(() -> unavailable("correlation timelines are moving"));
    return isSelf(host)
        ? readTimeline(directory, correlationId)
        : remote.localTimeline(host, correlationId);
  }

  /** The timeline of {@code correlationId} as this instance holds it. */
  public ArrayNode localTimeline(String correlationId) {
    StoreDirectory directory =
        timelines.get().orElseThrow(() -> unavailable("correlation timelines are not running"));
    return readTimeline(directory, correlationId);
  }

  private ArrayNode readTimeline(StoreDirectory directory, String correlationId) {
    try {
      ReadOnlyWindowStore<String, byte[]> store =
          directory.localStore(TimelineTopology.STORE, QueryableStoreTypes.windowStore());
      return array(TimelineReader.read(store, correlationId, clock.instant()));
    } catch (InvalidStateStoreException e) {
      throw new QueryUnavailableException("correlation timelines are not queryable now", e);
    }
  }

  private static List<ObjectNode> readLocal(
      AggregateSpec spec,
      StoreDirectory directory,
      Optional<List<String>> keys,
      Instant from,
      Instant to) {
    try {
      if (AggregateWindowsReader.usesSessionStore(spec)) {
        return AggregateWindowsReader.fromSessionStore(
            spec,
            directory.localStore(
                AggregateTopology.STORE, AggregateWindowsReader.sessionStoreType()),
            keys,
            from,
            to);
      }
      return AggregateWindowsReader.fromWindowStore(
          spec,
          directory.localStore(AggregateTopology.STORE, AggregateWindowsReader.windowStoreType()),
          keys,
          from,
          to);
    } catch (InvalidStateStoreException e) {
      throw new QueryUnavailableException(
          "the windows of '" + spec.name() + "' are not queryable now", e);
    }
  }

  private static AggregateSpec aggregate(RunningTopologies.Running running) {
    if (running.spec() instanceof AggregateSpec aggregate) {
      return aggregate;
    }
    throw new InvalidTopologyQueryException(
        Reason.NOT_AN_AGGREGATE,
        "'" + running.spec().name() + "' is a " + running.spec().kind() + ": it keeps no windows");
  }

  private static List<String> keysOf(AggregateSpec spec, List<String> values) {
    if (values.size() != spec.groupBy().size()) {
      throw new InvalidTopologyQueryException(
          Reason.INVALID_GROUP,
          "'"
              + spec.name()
              + "' groups by "
              + spec.groupBy().size()
              + " path(s) "
              + spec.groupBy().stream().map(p -> p.text()).toList()
              + " but the group has "
              + values.size()
              + " value(s)");
    }
    return GroupKeyCandidates.of(values);
  }

  private boolean isSelf(HostInfo host) {
    return host.equals(HostInfo.unavailable()) || self.get().map(host::equals).orElse(false);
  }

  private static ArrayNode array(List<ObjectNode> nodes) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    nodes.forEach(array::add);
    return array;
  }

  private static QueryUnavailableException unavailable(String message) {
    return new QueryUnavailableException(message, null);
  }
}
