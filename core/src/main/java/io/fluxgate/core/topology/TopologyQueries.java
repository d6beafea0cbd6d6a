package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway asks the stream processors: the current window state of a deployed aggregate,
 * and the timeline of a correlation. Answered from Kafka Streams state stores (interactive queries)
 * by whichever processor instance holds them; in standalone mode in-process.
 */
public interface TopologyQueries {

  /**
   * The windows of aggregate {@code name} that start in {@code [from, to)}, for one group (its
   * values in {@code group_by} order) or all groups, each as the {@code data} its result event
   * carries; empty when no processor runs the topology.
   *
   * @throws QueryUnavailableException when the instance holding the state cannot be reached
   */
  Optional<ArrayNode> results(String name, Optional<List<String>> group, Instant from, Instant to);

  /**
   * Every retained event of correlation {@code correlationId}, in time order, as event JSON.
   *
   * @throws QueryUnavailableException when the instance holding it cannot be reached
   */
  ArrayNode timeline(String correlationId);

  /** The state asked for lives on an instance that cannot answer now (rebalancing, down). */
  final class QueryUnavailableException extends RuntimeException {
    public QueryUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
