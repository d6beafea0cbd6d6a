package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TopologyQueries} of a stream processor over HTTP, for a gateway that runs apart from the
 * processors: any processor instance answers, forwarding to the instances that hold the state.
 *
 * <pre>{@code
 * TopologyQueries queries =
 *     new HttpTopologyQueries(URI.create("http://processor:8090"), new QueryHttpClient(timeout));
 * }</pre>
 */
public final class HttpTopologyQueries implements TopologyQueries {
  private final URI processor;
  private final QueryHttpClient http;

  public HttpTopologyQueries(URI processor, QueryHttpClient http) {
    String base = Objects.requireNonNull(processor, "processor").toString();
    this.processor = URI.create(base.endsWith("/") ? base : base + "/");
    this.http = Objects.requireNonNull(http, "http");
  }

  @Override
  public Optional<ArrayNode> results(
      String name, Optional<List<String>> group, Instant from, Instant to) {
    StringBuilder query =
        new StringBuilder("from=")
            .append(encode(from.toString()))
            .append("&to=")
            .append(encode(to.toString()));
    group.ifPresent(values -> values.forEach(v -> query.append("&group=").append(encode(v))));
    URI uri =
        processor.resolve("internal/topologies/" + encode(name) + "/results?" + query.toString());
    return http.get(uri).map(HttpTopologyQueries::array);
  }

  @Override
  public ArrayNode timeline(String correlationId) {
    // In the query, not the path: an id may hold a '/', which servers refuse encoded in a path.
    URI uri = processor.resolve("internal/correlations?id=" + encode(correlationId));
    return http.get(uri)
        .map(HttpTopologyQueries::array)
        .orElseGet(JsonNodeFactory.instance::arrayNode);
  }

  /** A path segment or query value, percent-encoded (a space as %20, not +). */
  public static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static ArrayNode array(JsonNode node) {
    if (node instanceof ArrayNode array) {
      return array;
    }
    throw new QueryUnavailableException("a processor answered without a JSON array", null);
  }
}
