package io.fluxgate.processor.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another processor instance for its own part of a store ({@link InternalQueriesResource}'s
 * {@code local} endpoints). Failures are {@link
 * io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException}s.
 */
public interface RemoteQueries {

  /** The windows of {@code keys} (group keys; empty for all) that {@code host} holds. */
  ArrayNode localResults(
      HostInfo host, String topology, Optional<List<String>> keys, Instant from, Instant to);

  /** The timeline of {@code correlationId} that {@code host} holds. */
  ArrayNode localTimeline(HostInfo host, String correlationId);
}
