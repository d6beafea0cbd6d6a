package io.fluxgate.gateway.resources;

import io.fluxgate.gateway.core.query.EventQuery;
import io.fluxgate.gateway.core.query.EventQueryValidator;
import io.fluxgate.gateway.core.query.EventScanner;
import io.fluxgate.gateway.core.query.QueryPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Historical events: {@code GET /v1/events?type=<glob>&from=&to=&limit=&cursor=} — a bounded scan
 * that says when it was cut short and where to continue.
 */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventQueryResource {
  private final EventScanner scanner;

  public EventQueryResource(EventScanner scanner) {
    this.scanner = scanner;
  }

  @GET
  public QueryPage query(
      @QueryParam("type") String type,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    EventQuery query = EventQueryValidator.validate(type, from, to, limit, cursor);
    return scanner.scan(query);
  }
}
