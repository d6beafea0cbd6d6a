package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SubscriptionRequest;
import io.fluxgate.gateway.core.SubscriptionService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Collection;

/** Creating, listing, pausing, resuming and deleting subscriptions. */
@Path("/v1/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionsResource {
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final SubscriptionService subscriptions;

  public SubscriptionsResource(SubscriptionService subscriptions) {
    this.subscriptions = subscriptions;
  }

  @POST
  public Response create(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in,
      @Context UriInfo uri) {
    RequestBody.requireJson(contentType, false);
    SubscriptionRequest request =
        RequestBody.parse(RequestBody.read(in, MAX_BODY_BYTES), SubscriptionRequest.class);
    Subscription created = subscriptions.create(request);
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build())
        .entity(created)
        .build();
  }

  @GET
  public Collection<Subscription> list() {
    return subscriptions.list();
  }

  @GET
  @Path("/{id}")
  public Subscription get(@PathParam("id") String id) {
    return subscriptions.get(id);
  }

  /** Stops HTTP delivery; the fan-out keeps filling the queue. Pausing a paused one is a no-op. */
  @POST
  @Path("/{id}/pause")
  public Subscription pause(@PathParam("id") String id) {
    return subscriptions.setPaused(id, true);
  }

  /** Delivery continues where it stopped. Resuming a running one is a no-op. */
  @POST
  @Path("/{id}/resume")
  public Subscription resume(@PathParam("id") String id) {
    return subscriptions.setPaused(id, false);
  }

  @DELETE
  @Path("/{id}")
  public Response delete(@PathParam("id") String id) {
    subscriptions.delete(id);
    return Response.noContent().build();
  }
}
