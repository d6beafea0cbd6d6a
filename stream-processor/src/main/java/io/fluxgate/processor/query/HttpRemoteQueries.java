package io.fluxgate.processor.query;

import static io.fluxgate.core.topology.HttpTopologyQueries.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fluxgate.core.topology.QueryHttpClient;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link RemoteQueries} over HTTP to another instance's {@link InternalQueriesResource}, at the
 * {@code application.server} its Kafka Streams metadata names. An instance that does not know the
 * topology (yet, or any more) answers 404: a rebalance in progress, so unavailable.
 */
public final class HttpRemoteQueries implements RemoteQueries {
  private final QueryHttpClient http;
  private final String contextPath;

  /** Instances serving their application at the root path, as the processor's config does. */
  public HttpRemoteQueries(QueryHttpClient http) {
    this(http, "");
  }

  /** Instances serving their application under {@code contextPath} (e.g. {@code /application}). */
  public HttpRemoteQueries(QueryHttpClient http, String contextPath) {
    this.http = Objects.requireNonNull(http, "http");
    String path = Objects.requireNonNull(contextPath, "contextPath");
    this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public ArrayNode localResults(
      HostInfo host, String topology, Optional<List<String>> keys, Instant from, Instant to) {
    StringBuilder query =
        new StringBuilder("from=")
            .append(encode(from.toString()))
            .append("&to=")
            .append(encode(to.toString()));
    keys.ifPresent(list -> list.forEach(k -> query.append("&key=").append(encode(k))));
    return array(
        host,
        URI.create(
            base(host) + "/internal/topologies/" + encode(topology) + "/local-results?" + query));
  }

  @Override
  public ArrayNode localTimeline(HostInfo host, String correlationId) {
    return array(
        host, URI.create(base(host) + "/internal/correlations/local?id=" + encode(correlationId)));
  }

  private ArrayNode array(HostInfo host, URI uri) {
    JsonNode answer =
        http.get(uri)
            .orElseThrow(
                () ->
                    new QueryUnavailableException(
                        host + " does not hold that state now (rebalancing?)", null));
    if (answer instanceof ArrayNode array) {
      return array;
    }
    throw new QueryUnavailableException(host + " answered without a JSON array", null);
  }

  private String base(HostInfo host) {
    return "http://" + host.host() + ":" + host.port() + contextPath;
  }
}
