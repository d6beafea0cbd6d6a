package io.fluxgate.processor.topology;

import io.fluxgate.core.topology.TopologySpec;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The deployed topologies running on this processor instance, each as its own Kafka Streams
 * application: what the query service reads state stores from.
 */
public interface RunningTopologies {

  /** The topology named so, when it runs here. */
  Optional<Running> get(String name);

  Collection<Running> all();

  /** One running topology: its spec and its Kafka Streams instance. */
  interface Running {
    TopologySpec spec();

    KafkaStreams streams();
  }
}
