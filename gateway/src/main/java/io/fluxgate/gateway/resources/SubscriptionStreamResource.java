package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.EventStream;
import io.fluxgate.gateway.core.EventStreamService;
import io.fluxgate.gateway.core.StreamPosition;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;

/**
 * Server-sent events: {@code GET /v1/subscriptions/{id}/stream} writes each event of the
 * subscription as one message ({@code event: event}, {@code id:} the stream position after it,
 * {@code data:} the event as the long poll renders it), and resumes after the message named by
 * {@code Last-Event-ID}.
 */
@Path("/v1/subscriptions/{id}/stream")
public final class SubscriptionStreamResource {
  public static final String EVENT_STREAM = "text/event-stream";
  public static final String LAST_EVENT_ID = "Last-Event-ID";

  private final SubscriptionService subscriptions;
  private final EventStreamService streams;

  public SubscriptionStreamResource(SubscriptionService subscriptions, EventStreamService streams) {
    this.subscriptions = subscriptions;
    this.streams = streams;
  }

  @GET
  @Produces(EVENT_STREAM)
  public void stream(
      @PathParam("id") String id,
      @HeaderParam(LAST_EVENT_ID) String lastEventId,
      @Suspended AsyncResponse async) {
    StreamPosition requested = requestedPosition(lastEventId);
    Subscription subscription = subscriptions.get(id);
    if (subscription.ackMode() == AckMode.MANUAL) {
      // A stream has no acknowledgements: its events would count as delivered unacknowledged.
      throw new ApiException(
          409,
          "ack_mode_conflict",
          "subscription '" + id + "' is in ack_mode manual: use the long poll and ack its events",
          List.of(Map.of("field", "ack_mode", "value", subscription.ackMode().wireName())));
    }
    EventStream stream = streams.open(subscription, requested);
    StreamingOutput body = stream::run;
    Response response =
        Response.ok(body, EVENT_STREAM + ";charset=UTF-8")
            .header("Cache-Control", "no-cache")
            // nginx buffers responses unless told otherwise; a stream must go out as it is written.
            .header("X-Accel-Buffering", "no")
            .build();
    // The response, and so the whole stream, is written on the stream's own thread.
    streams.execute(
        stream,
        () -> {
          if (!async.resume(response)) {
            stream.stop(); // the request is gone already: nothing will run the stream
          }
        });
  }

  /** The position to resume after, or null for the group's committed offsets. */
  private static StreamPosition requestedPosition(String lastEventId) {
    if (lastEventId == null || lastEventId.isEmpty()) {
      return null;
    }
    try {
      return StreamPosition.parse(lastEventId);
    } catch (StreamPosition.MalformedPositionException e) {
      throw ApiException.badRequest(
          "invalid_last_event_id", e.getMessage(), List.of(Map.of("field", LAST_EVENT_ID)));
    }
  }
}
