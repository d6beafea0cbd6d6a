package io.fluxgate.gateway.core;

import io.fluxgate.core.topology.DeployedTopology;
import java.util.Collection;
import java.util.Optional;

/** Where deployed topologies are kept, by name; {@link TopologyStore} keeps them in Kafka. */
public interface TopologyRepository {

  /**
   * Stores a topology durably.
   *
   * @throws io.fluxgate.core.kafka.CompactedTopic.WriteFailedException when that fails
   */
  void put(DeployedTopology deployed);

  /**
   * Removes a topology durably.
   *
   * @throws io.fluxgate.core.kafka.CompactedTopic.WriteFailedException when that fails
   */
  void delete(String name);

  Optional<DeployedTopology> get(String name);

  /** Every deployed topology, by name. */
  Collection<DeployedTopology> all();
}
