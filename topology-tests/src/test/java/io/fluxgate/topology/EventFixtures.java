package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Events with a per-key sequence number, and how the end-to-end tests receive and check them. */
final class EventFixtures {
  private EventFixtures() {}

  /** An event of {@code type} keyed by {@code key}; {@code data.seq} is its place in the key. */
  static Map<String, Object> event(String id, String type, String key, int seq) {
    Map<String, Object> event = new LinkedHashMap<>();
    if (id != null) {
      event.put("id", id);
    }
    event.put("event_type", type);
    event.put("source", Map.of("component", "it", "correlation_id", key));
    event.put("data", Map.of("seq", seq, "key", key));
    return event;
  }

  /** Long-polls until {@code atLeast} events arrived or {@code within} passed. */
  static List<JsonNode> receive(GatewayClient gateway, String id, int atLeast, Duration within) {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (received.size() < atLeast && System.nanoTime() < deadline) {
      GatewayClient.Reply reply =
          gateway.get("/v1/subscriptions/" + id + "/events?max_events=20&timeout_ms=500");
      assertThat(reply.status()).isEqualTo(200);
      reply.body().forEach(received::add);
    }
    return received;
  }

  static void assertInPublishOrderPerKey(List<JsonNode> received) {
    Map<String, Integer> last = new LinkedHashMap<>();
    for (JsonNode event : received) {
      String key = event.get("data").get("key").asText();
      int seq = event.get("data").get("seq").asInt();
      Integer previous = last.put(key, seq);
      if (previous != null) {
        assertThat(seq).as("order of key %s", key).isGreaterThan(previous);
      }
    }
  }
}
