package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topology.DeployedTopology;
import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployed topologies kept in the compacted {@link PlatformTopics#TOPOLOGIES} topic keyed by name,
 * with an in-memory view kept up to date by a background reader, like {@link SubscriptionStore}.
 * The stream processors follow the same topic and run what it holds.
 */
public final class TopologyStore implements TopologyRepository, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyStore.class);

  // A tombstone stays as an entry without topology, so a late read cannot resurrect a deleted one.
  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final CompactedTopic topic;

  public TopologyStore(Map<String, Object> clientConfig) {
    this.topic =
        new CompactedTopic(clientConfig, PlatformTopics.TOPOLOGIES, "topology", this::apply);
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(true);
  }

  private void apply(String name, byte[] value, long offset) {
    if (name == null) {
      return;
    }
    DeployedTopology deployed = null;
    if (value != null) {
      try {
        deployed = DeployedTopology.fromBytes(value);
      } catch (IOException e) {
        LOG.warn("Skipping unreadable topology record {}: {}", name, e.getMessage());
        return;
      }
    }
    remember(name, deployed, offset);
  }

  private void remember(String name, DeployedTopology deployed, long offset) {
    view.merge(
        name,
        new Entry(deployed, offset),
        (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  private record Entry(DeployedTopology deployed, long offset) {}

  /**
   * Stores a topology durably, then shows it in this instance's view.
   *
   * @throws CompactedTopic.WriteFailedException when Kafka does not acknowledge it
   */
  @Override
  public void put(DeployedTopology deployed) {
    long offset = topic.write(deployed.name(), deployed.toBytes());
    remember(deployed.name(), deployed, offset);
  }

  /**
   * Writes the tombstone of a topology durably, then removes it from the view.
   *
   * @throws CompactedTopic.WriteFailedException when Kafka does not acknowledge it
   */
  @Override
  public void delete(String name) {
    long offset = topic.write(name, null);
    remember(name, null, offset);
  }

  @Override
  public Optional<DeployedTopology> get(String name) {
    Entry entry = view.get(name);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.deployed());
  }

  /** Every deployed topology, by name. */
  @Override
  public Collection<DeployedTopology> all() {
    return view.values().stream()
        .map(Entry::deployed)
        .filter(Objects::nonNull)
        .sorted(Comparator.comparing(DeployedTopology::name))
        .toList();
  }

  @Override
  public void stop() throws InterruptedException {
    topic.stop();
  }
}
