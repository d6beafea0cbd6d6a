package io.fluxgate.gateway.resources;

import io.fluxgate.gateway.api.ReplayRequest;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.replay.ReplayJob;
import io.fluxgate.gateway.core.replay.ReplayService;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;

/**
 * {@code POST /v1/subscriptions/{id}/replay {"from": "earliest|<RFC 3339>", "to": "<RFC 3339>"}}:
 * {@code 202} with the running job and its {@code Location}, {@code /v1/replays/{replay_id}}.
 */
@Path("/v1/subscriptions/{id}/replay")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionReplayResource {
  private static final int MAX_BODY_BYTES = 4 * 1024;

  private final SubscriptionService subscriptions;
  private final ReplayService replays;

  public SubscriptionReplayResource(SubscriptionService subscriptions, ReplayService replays) {
    this.subscriptions = subscriptions;
    this.replays = replays;
  }

  @POST
  public Response replay(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in) {
    subscriptions.get(id);
    RequestBody.requireJson(contentType, false);
    ReplayRequest request =
        RequestBody.parse(RequestBody.read(in, MAX_BODY_BYTES), ReplayRequest.class);
    ReplayJob job = replays.start(id, request.from(), request.to());
    return Response.accepted(job).location(URI.create("/v1/replays/" + job.replayId())).build();
  }
}
