package io.fluxgate.gateway.resources;

import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.core.filter.FilterVariables;
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
      @QueryParam("cursor") String cursor,
      @QueryParam("filter") String filter) {
    EventQuery query = EventQueryValidator.validate(type, from, to, limit, cursor);
    if (filter != null && !filter.isBlank()) {
      // The same CEL filters as subscriptions: 400 invalid_filter with the position.
      EventFilter compiled = EventFilterCompiler.compile(filter);
      query =
          query.withFilter(
              event -> compiled.evaluate(FilterVariables.of(event)) == FilterOutcome.MATCHED);
    }
    return scanner.scan(query);
  }
}
