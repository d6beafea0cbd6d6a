package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SeekRequest;
import io.fluxgate.gateway.api.SeekResult;
import io.fluxgate.gateway.core.SubscriptionSeeker;
import io.fluxgate.gateway.core.SubscriptionService;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /v1/subscriptions/{id}/seek {"to": "earliest|latest|<RFC 3339>"}}: the next long poll
 * of the subscription, on any instance, starts there.
 */
@Path("/v1/subscriptions/{id}/seek")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionSeekResource {
  private static final int MAX_BODY_BYTES = 4 * 1024;

  private final SubscriptionService subscriptions;
  private final SubscriptionSeeker seeker;

  public SubscriptionSeekResource(SubscriptionService subscriptions, SubscriptionSeeker seeker) {
    this.subscriptions = subscriptions;
    this.seeker = seeker;
  }

  @POST
  public SeekResult seek(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in) {
    Subscription subscription = subscriptions.get(id);
    RequestBody.requireJson(contentType, false);
    SeekRequest request =
        RequestBody.parse(RequestBody.read(in, MAX_BODY_BYTES), SeekRequest.class);
    return seeker.seek(subscription, request.to());
  }
}
