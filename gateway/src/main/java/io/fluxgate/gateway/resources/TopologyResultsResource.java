package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topology.TopologyQueries;
import io.fluxgate.gateway.core.GroupParameter;
import io.fluxgate.gateway.core.Rfc3339;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/topologies/{name}/results?group=&from=&to=}: the current window state of a
 * deployed aggregate, read from the stream processors' state stores — the windows starting in
 * {@code [from, to)} (default: all the store keeps, up to now), of one group or all, sorted by
 * window start, then group.
 */
@Path("/v1/topologies/{name}/results")
@Produces(MediaType.APPLICATION_JSON)
public final class TopologyResultsResource {
  /** The latest instant a state store can hold (epoch milliseconds). */
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private final TopologyQueries queries;
  private final Clock clock;

  public TopologyResultsResource(TopologyQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  @GET
  public ObjectNode results(
      @PathParam("name") String name,
      @QueryParam("group") String group,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    List<Map<String, Object>> problems = new ArrayList<>();
    Optional<List<String>> values = Optional.empty();
    try {
      values = GroupParameter.parse(group);
    } catch (IllegalArgumentException e) {
      problems.add(problem("group", e.getMessage()));
    }
    Instant fromTime = time("from", from, Instant.EPOCH, problems);
    Instant toTime = time("to", to, clock.instant(), problems);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      problems.add(problem("from", "from (" + fromTime + ") must be before to (" + toTime + ")"));
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest("invalid_query", "the query is invalid", problems);
    }
    Optional<List<String>> groupValues = values;
    ArrayNode windows =
        TopologyQueryErrors.translate(() -> queries.results(name, groupValues, fromTime, toTime))
            .orElseThrow(() -> ApiException.notFound("topology", name));
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("topology", name);
    answer.set("windows", windows);
    return answer;
  }

  private static Instant time(
      String field, String text, Instant absent, List<Map<String, Object>> problems) {
    if (text == null) {
      return absent;
    }
    Optional<Instant> time = Rfc3339.parse(text);
    if (time.isEmpty()) {
      problems.add(problem(field, field + " must be an RFC 3339 date-time, was '" + text + "'"));
      return null;
    }
    // Stores keep epoch milliseconds from 1970 on: a range beyond that asks for nothing more.
    Instant instant = time.get();
    if (instant.isBefore(Instant.EPOCH)) {
      return Instant.EPOCH;
    }
    return instant.isAfter(LATEST) ? LATEST : instant;
  }

  private static Map<String, Object> problem(String field, String message) {
    return Map.of("field", field, "message", message);
  }
}
