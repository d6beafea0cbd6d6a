package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topology.TopologyQueries;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/correlations/{correlation_id}}: every retained event of one correlation in time
 * order, from the timelines the stream processors keep. A correlation with no events (never seen,
 * or past the retention) is an empty list, not a 404: the store cannot tell the two apart.
 */
@Path("/v1/correlations/{correlation_id}")
@Produces(MediaType.APPLICATION_JSON)
public final class CorrelationsResource {
  private final TopologyQueries queries;

  public CorrelationsResource(TopologyQueries queries) {
    this.queries = queries;
  }

  @GET
  public ObjectNode timeline(@PathParam("correlation_id") String correlationId) {
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("correlation_id", correlationId);
    answer.set("events", TopologyQueryErrors.translate(() -> queries.timeline(correlationId)));
    return answer;
  }
}
