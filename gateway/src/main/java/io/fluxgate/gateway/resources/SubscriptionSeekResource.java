package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SeekRequest;
import io.fluxgate.gateway.api.SeekResult;
import io.fluxgate.gateway.core.ManualDelivery;
import io.fluxgate.gateway.core.SubscriptionSeeker;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.errors.ApiException;
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
  private final ManualDelivery manual;

  public SubscriptionSeekResource(SubscriptionService subscriptions, SubscriptionSeeker seeker) {
    this(subscriptions, seeker, null);
  }

  /**
   * @param manual told of each seek of a manual-ack subscription, whose leases and acks start over
   *     at the new positions (null: no manual-ack delivery)
   */
  public SubscriptionSeekResource(
      SubscriptionService subscriptions, SubscriptionSeeker seeker, ManualDelivery manual) {
    this.subscriptions = subscriptions;
    this.seeker = seeker;
    this.manual = manual;
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
    SeekResult result = seeker.seek(subscription, request.to());
    if (manual != null && subscription.ackMode() == AckMode.MANUAL) {
      try {
        manual.seeked(subscription, result);
      } catch (AckLog.UnavailableException | org.apache.kafka.common.KafkaException e) {
        // The offsets moved, the lease log did not hear of it: the seek is safe to repeat.
        throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
      }
    }
    return result;
  }
}
