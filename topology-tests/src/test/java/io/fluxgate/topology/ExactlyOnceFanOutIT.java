package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.assertInPublishOrderPerKey;
import static io.fluxgate.topology.EventFixtures.event;
import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform with its fan-out under {@code exactly_once_v2}: copies go through the
 * topology's sink, in the stream thread's transactions, and subscribers see them once committed.
 */
class ExactlyOnceFanOutIT {
  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform =
        FluxgatePlatform.start(
            new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null, "exactly_once_v2"));
    gateway = new GatewayClient(platform.gatewayUri());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldDeliverTheMatchingEventsOnceInOrderPerKeyThroughTheTransactionalSink()
      throws Exception {
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("name", "eos", "patterns", List.of("order.*")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await().atMost(Duration.ofSeconds(2)).until(() -> platform.fanOut().routes().isActive(id));

    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String eventId = UUID.randomUUID().toString();
      String type = i % 3 == 2 ? "billing.paid" : "order.placed";
      batch.add(event(eventId, type, "corr-" + (i % 4), i));
      if (type.startsWith("order.")) {
        expected.add(eventId);
      }
    }
    assertThat(gateway.postJson("/v1/events/batch", batch).status()).isEqualTo(201);

    List<JsonNode> received = receive(gateway, id, expected.size(), Duration.ofSeconds(30));

    assertThat(received)
        .extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertInPublishOrderPerKey(received);
    assertThat(receive(gateway, id, 1, Duration.ofMillis(500))).as("nothing more").isEmpty();
    FanOutMetrics metrics = platform.fanOut().metrics();
    assertThat(metrics.routedCount()).isEqualTo(expected.size());
    assertThat(metrics.writtenByRouterCount()).as("every copy through the sink").isZero();
  }
}
