package io.fluxgate.gateway.resources;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.gateway.api.BatchPublished;
import io.fluxgate.gateway.api.PublishedEvent;
import io.fluxgate.gateway.core.EventPublisher;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Publishing: {@code POST /v1/events} (one event) and {@code POST /v1/events/batch}. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
  static final String NDJSON = "application/x-ndjson";

  private final EventJson eventJson;
  private final EventLimits limits;
  private final EventPublisher publisher;

  public EventsResource(EventJson eventJson, EventLimits limits, EventPublisher publisher) {
    this.eventJson = eventJson;
    this.limits = limits;
    this.publisher = publisher;
  }

  @POST
  public Response publish(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream in) {
    RequestBody.requireJson(contentType, false);
    UniversalEvent event =
        eventJson.parseEvent(RequestBody.readEvents(in, limits.maxEventBytes(), "the event"));
    PublishedEvent published = publisher.publish(event);
    return Response.status(Response.Status.CREATED).entity(published).build();
  }

  @POST
  @Path("/batch")
  public Response publishBatch(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("atomic") @DefaultValue("false") String atomic,
      InputStream in) {
    boolean inOneTransaction = parseFlag("atomic", atomic);
    boolean ndjson = RequestBody.requireJson(contentType, true);
    List<UniversalEvent> events =
        eventJson.parseBatch(
            RequestBody.readEvents(in, limits.maxBodyBytes(), "the request body"), ndjson);
    List<PublishedEvent> published =
        inOneTransaction ? publisher.publishAtomically(events) : publisher.publishAll(events);
    return Response.status(Response.Status.CREATED)
        .entity(new BatchPublished(published.size(), published))
        .build();
  }

  private static boolean parseFlag(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(
              "invalid_parameter",
              name + " must be true or false, was '" + value + "'",
              List.of(java.util.Map.of("field", name)));
    };
  }
}
