package io.fluxgate.gateway.resources;

import io.fluxgate.gateway.api.SubscriptionStats;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.SubscriptionStatsReader;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/subscriptions/{id}/stats}: how many events a subscription received, delivered,
 * dropped and rejected, and how many wait in its queue; 503 with {@code Retry-After} when Kafka
 * does not answer.
 */
@Path("/v1/subscriptions/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionStatsResource {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStatsResource.class);

  private final SubscriptionService subscriptions;
  private final SubscriptionStatsReader stats;

  public SubscriptionStatsResource(
      SubscriptionService subscriptions, SubscriptionStatsReader stats) {
    this.subscriptions = subscriptions;
    this.stats = stats;
  }

  @GET
  public SubscriptionStats stats(@PathParam("id") String id) {
    try {
      return stats.read(subscriptions.get(id));
    } catch (SubscriptionStatsReader.UnavailableException e) {
      LOG.warn("Could not read the stats of subscription {}: {}", id, e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
  }
}
