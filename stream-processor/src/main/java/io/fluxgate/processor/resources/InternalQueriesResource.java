package io.fluxgate.processor.resources;

import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import io.fluxgate.processor.topology.TopologyQueryService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The processors' query endpoints, for gateways and other processors, not for users: {@code
 * results} and {@code correlations?id=} answer from wherever the state lives; {@code local-results}
 * and {@code correlations/local?id=} from this instance's own stores. Answers are JSON arrays;
 * errors {@code {"error", "message", "details"}} with 400, 404, 409 or 503 (with Retry-After).
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
public final class InternalQueriesResource {
  static final int RETRY_AFTER_SECONDS = 1;

  private final TopologyQueryService queries;

  public InternalQueriesResource(TopologyQueryService queries) {
    this.queries = queries;
  }

  @GET
  @Path("/topologies/{name}/results")
  public Response results(
      @PathParam("name") String name,
      @QueryParam("group") List<String> group,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return answer(
        () ->
            queries
                .results(
                    name,
                    group.isEmpty() ? Optional.empty() : Optional.of(group),
                    instant("from", from),
                    instant("to", to))
                .<Object>map(windows -> windows)
                .orElse(null),
        name);
  }

  @GET
  @Path("/topologies/{name}/local-results")
  public Response localResults(
      @PathParam("name") String name,
      @QueryParam("key") List<String> keys,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    return answer(
        () ->
            queries
                .localResults(
                    name,
                    keys.isEmpty() ? Optional.empty() : Optional.of(keys),
                    instant("from", from),
                    instant("to", to))
                .<Object>map(windows -> windows)
                .orElse(null),
        name);
  }

  /** A correlation id in the query: it may hold a '/', which a path refuses even encoded. */
  @GET
  @Path("/correlations")
  public Response timeline(@QueryParam("id") String id) {
    return answer(() -> queries.timeline(required("id", id)), String.valueOf(id));
  }

  @GET
  @Path("/correlations/local")
  public Response localTimeline(@QueryParam("id") String id) {
    return answer(() -> queries.localTimeline(required("id", id)), String.valueOf(id));
  }

  private static Response answer(Supplier<Object> query, String what) {
    try {
      Object body = query.get();
      if (body == null) {
        return error(404, "not_found", "'" + what + "' does not run on this processor");
      }
      return Response.ok(body).build();
    } catch (BadParameterException e) {
      return error(400, "invalid_parameter", e.getMessage());
    } catch (InvalidTopologyQueryException e) {
      int status = e.reason() == InvalidTopologyQueryException.Reason.NOT_AN_AGGREGATE ? 409 : 400;
      return error(status, e.error(), e.getMessage());
    } catch (QueryUnavailableException e) {
      return Response.fromResponse(error(503, "unavailable", e.getMessage()))
          .header("Retry-After", RETRY_AFTER_SECONDS)
          .build();
    }
  }

  private static String required(String name, String text) {
    if (text == null) {
      throw new BadParameterException(name + " is required");
    }
    return text;
  }

  private static Instant instant(String name, String text) {
    if (text == null) {
      throw new BadParameterException(name + " is required");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadParameterException(name + " is not an instant: " + text);
    }
  }

  private static Response error(int status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
    body.put("details", List.of());
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  private static final class BadParameterException extends RuntimeException {
    BadParameterException(String message) {
      super(message);
    }
  }
}
