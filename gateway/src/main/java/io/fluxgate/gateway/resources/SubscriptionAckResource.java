package io.fluxgate.gateway.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.AckRequest;
import io.fluxgate.gateway.core.ManualDelivery;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.ack.AckId;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.core.ack.AckState;
import io.fluxgate.gateway.errors.ApiException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;

/**
 * {@code POST /v1/subscriptions/{id}/ack} and {@code .../nack} with {@code {"ack_ids": [...]}}, for
 * subscriptions in {@code ack_mode: manual}: answers {@code {"acked"|"released": n, "expired": [ids
 * another client holds now], "unknown": [ids already acknowledged or never handed out]}}.
 */
@Path("/v1/subscriptions/{id}/{action: ack|nack}")
@Produces(MediaType.APPLICATION_JSON)
public final class SubscriptionAckResource {
  public static final int MAX_ACK_IDS = 1_000;
  private static final int MAX_BODY_BYTES = 256 * 1024;

  private final SubscriptionService subscriptions;
  private final ManualDelivery manual;

  public SubscriptionAckResource(SubscriptionService subscriptions, ManualDelivery manual) {
    this.subscriptions = subscriptions;
    this.manual = manual;
  }

  @POST
  public Map<String, Object> acknowledge(
      @PathParam("id") String id,
      @PathParam("action") String action,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream in) {
    Subscription subscription = subscriptions.get(id);
    if (subscription.ackMode() != AckMode.MANUAL) {
      throw new ApiException(
          409,
          "ack_mode_conflict",
          "subscription '"
              + id
              + "' acknowledges automatically (ack_mode auto): nothing to "
              + action,
          List.of(Map.of("field", "ack_mode", "value", subscription.ackMode().wireName())));
    }
    RequestBody.requireJson(contentType, false);
    List<AckId> ids =
        ackIds(RequestBody.parse(RequestBody.read(in, MAX_BODY_BYTES), AckRequest.class));
    AckState.Answer answer;
    try {
      answer =
          action.equals("ack") ? manual.ack(subscription, ids) : manual.nack(subscription, ids);
    } catch (AckLog.UnavailableException | KafkaException e) {
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(action.equals("ack") ? "acked" : "released", answer.done().size());
    body.put("expired", answer.expired().stream().map(AckId::toString).toList());
    body.put("unknown", answer.unknown().stream().map(AckId::toString).toList());
    return body;
  }

  /** The ids of the request, or a 400 naming every bad one. */
  private static List<AckId> ackIds(AckRequest request) {
    List<JsonNode> raw = request.ackIds();
    if (raw == null || raw.isEmpty() || raw.size() > MAX_ACK_IDS) {
      throw ApiException.badRequest(
          "invalid_ack_ids",
          "ack_ids must list 1 to " + MAX_ACK_IDS + " ack ids",
          List.of(Map.of("field", "ack_ids", "min", 1, "max", MAX_ACK_IDS)));
    }
    List<AckId> ids = new ArrayList<>(raw.size());
    List<Map<String, Object>> problems = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      JsonNode node = raw.get(i);
      try {
        ids.add(AckId.parse(node != null && node.isTextual() ? node.asText() : null));
      } catch (AckId.MalformedAckIdException e) {
        problems.add(Map.of("field", "ack_ids[" + i + "]", "index", i, "message", e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw ApiException.badRequest(
          "invalid_ack_ids", problems.size() + " of the ack ids are malformed", problems);
    }
    return ids;
  }
}
