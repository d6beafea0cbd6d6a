package io.fluxgate.gateway.resources;

import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.Delivery;
import io.fluxgate.gateway.core.DeliveryService;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Long-poll delivery: {@code GET /v1/subscriptions/{id}/events?max_events=&timeout_ms=} answers as
 * soon as events are there, or {@code []} after the timeout.
 */
@Path("/v1/subscriptions/{id}/events")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionEventsResource {
  public static final int DEFAULT_MAX_EVENTS = 100;
  public static final int MAX_MAX_EVENTS = DeliveryService.MAX_POLL_RECORDS;
  public static final long DEFAULT_TIMEOUT_MS = 1_000;
  public static final long MAX_TIMEOUT_MS = 30_000;

  /**
   * The answer is written through a buffer of this size: an event is two writes (its JSON and a
   * comma), and every write to the response takes its lock and copies on its own.
   */
  static final int WRITE_BUFFER_BYTES = 64 * 1024;

  /** Set on the answer of a long poll on a paused subscription. */
  public static final String PAUSED_HEADER = "Fluxgate-Subscription-Paused";

  private final SubscriptionService subscriptions;
  private final DeliveryService delivery;

  public SubscriptionEventsResource(SubscriptionService subscriptions, DeliveryService delivery) {
    this.subscriptions = subscriptions;
    this.delivery = delivery;
  }

  @GET
  public Response poll(
      @PathParam("id") String id,
      @QueryParam("max_events") String maxEvents,
      @QueryParam("timeout_ms") String timeoutMs)
      throws InterruptedException {
    int max = (int) bounded("max_events", maxEvents, DEFAULT_MAX_EVENTS, 1, MAX_MAX_EVENTS);
    long timeout = bounded("timeout_ms", timeoutMs, DEFAULT_TIMEOUT_MS, 0, MAX_TIMEOUT_MS);
    Subscription subscription = subscriptions.get(id);
    Duration wait = Duration.ofMillis(timeout);
    if (subscription.paused()) {
      long waitStarted = System.nanoTime();
      subscription = subscriptions.awaitResumed(subscription, wait);
      if (subscription.paused()) {
        return pausedAnswer();
      }
      wait = wait.minusNanos(Math.min(wait.toNanos(), System.nanoTime() - waitStarted));
    }
    Delivery delivery = this.delivery.poll(subscription, max, wait);
    StreamingOutput body =
        out -> {
          try (delivery) {
            OutputStream buffered = new BufferedOutputStream(out, WRITE_BUFFER_BYTES);
            delivery.writeTo(buffered);
            buffered.flush(); // and the response under it
            // Only what reached the connection counts as delivered.
            delivery.commit();
          }
        };
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * A paused subscription answers like an empty queue, after the whole timeout, so that a client
   * polling in a loop idles instead of spinning; the header says why nothing came.
   */
  private static Response pausedAnswer() {
    return Response.ok("[]", MediaType.APPLICATION_JSON_TYPE).header(PAUSED_HEADER, "true").build();
  }

  private static long bounded(String name, String raw, long fallback, long min, long max) {
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      long value = Long.parseLong(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest(
        "invalid_parameter",
        name + " must be an integer from " + min + " to " + max + ", was '" + raw + "'",
        List.of(Map.of("field", name, "min", min, "max", max)));
  }
}
