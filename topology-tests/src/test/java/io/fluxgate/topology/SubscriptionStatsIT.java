package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.assertInPublishOrderPerKey;
import static io.fluxgate.topology.EventFixtures.event;
import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.flow.FlowCounts;
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
 * Stats, pause and resume of one subscription on the whole platform: the counts follow publishing
 * and delivery, a paused subscription delivers nothing while its queue grows, and after resuming it
 * delivers the rest exactly once, in order per key.
 */
class SubscriptionStatsIT {
  private static final int PUBLISHED_FIRST = 12;
  private static final int DELIVERED_FIRST = 5;
  private static final int PUBLISHED_WHILE_PAUSED = 4;
  private static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldCountDeliverPauseAndResumeFromKafkasOwnOffsets() {
    String id = subscribe("stats.*");
    assertStats(id, 0, 0, 0, false);

    List<String> published = new ArrayList<>(publish(PUBLISHED_FIRST, 0));
    gateway.postJson("/v1/events", Map.of("event_type", "other.thing"));
    awaitStats(id, PUBLISHED_FIRST, 0, PUBLISHED_FIRST, false);

    List<JsonNode> delivered = new ArrayList<>(receiveExactly(id, DELIVERED_FIRST));
    awaitStats(id, PUBLISHED_FIRST, DELIVERED_FIRST, PUBLISHED_FIRST - DELIVERED_FIRST, false);

    GatewayClient.Reply paused =
        gateway.post("/v1/subscriptions/" + id + "/pause", "application/json", "");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().get("paused").asBoolean()).isTrue();
    assertThat(gateway.get("/v1/subscriptions/" + id).body().get("paused").asBoolean()).isTrue();
    assertThat(pollOnce(id, 200)).as("paused, with events waiting").isEmpty();

    published.addAll(publish(PUBLISHED_WHILE_PAUSED, 1_000));
    int total = PUBLISHED_FIRST + PUBLISHED_WHILE_PAUSED;
    awaitStats(id, total, DELIVERED_FIRST, total - DELIVERED_FIRST, true);
    assertThat(pollOnce(id, 200)).as("still paused").isEmpty();
    assertThat(gateway.post("/v1/subscriptions/" + id + "/pause", "application/json", "").status())
        .as("pausing again")
        .isEqualTo(200);
    assertStats(id, total, DELIVERED_FIRST, total - DELIVERED_FIRST, true);

    GatewayClient.Reply resumed =
        gateway.post("/v1/subscriptions/" + id + "/resume", "application/json", "");
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.body().get("paused").asBoolean()).isFalse();
    delivered.addAll(receiveExactly(id, total - DELIVERED_FIRST));

    assertThat(delivered)
        .extracting(e -> e.get("id").asText())
        .as("every event exactly once")
        .containsExactlyInAnyOrderElementsOf(published);
    assertInPublishOrderPerKey(delivered);
    assertThat(pollOnce(id, 300)).as("nothing more").isEmpty();
    awaitStats(id, total, total, 0, false);
  }

  @Test
  void shouldReportWhatFlowControlWritersRecordedSummedOverWriters() {
    String id = subscribe("counted.*");
    Map<String, Object> kafka = Map.of("bootstrap.servers", platform.bootstrapServers());

    try (FlowCounterWriter gatewayA = FlowCounterWriter.create(kafka, "it-gateway-a");
        FlowCounterWriter gatewayB = FlowCounterWriter.create(kafka, "it-gateway-b")) {
      gatewayA.record(id, FlowCounts.rejected(2));
      gatewayA.record(id, FlowCounts.droppedBeforeQueue(3));
      gatewayB.record(id, FlowCounts.rejected(1));
    }

    await("flow counts in the stats")
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              JsonNode stats = gateway.get("/v1/subscriptions/" + id + "/stats").body();
              assertThat(stats.get("dropped").asLong()).as("dropped of %s", stats).isEqualTo(3);
              assertThat(stats.get("rejected").asLong()).as("rejected of %s", stats).isEqualTo(3);
              assertThat(stats.get("delivered").asLong()).isZero();
            });
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    String unknown = UUID.randomUUID().toString();

    assertThat(gateway.get("/v1/subscriptions/" + unknown + "/stats").status()).isEqualTo(404);
    for (String action : List.of("pause", "resume")) {
      GatewayClient.Reply reply =
          gateway.post("/v1/subscriptions/" + unknown + "/" + action, "application/json", "");
      assertThat(reply.status()).as(action).isEqualTo(404);
      assertThat(reply.body().get("error").asText()).isEqualTo("not_found");
    }
  }

  private static String subscribe(String pattern) {
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("name", "stats", "patterns", List.of(pattern)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await("subscription active")
        .atMost(WITHIN)
        .until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }

  /** Publishes {@code count} matching events over three keys; returns their ids in order. */
  private static List<String> publish(int count, int firstSeq) {
    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      batch.add(event(id, "stats.tick", "key-" + (i % 3), firstSeq + i));
    }
    assertThat(gateway.postJson("/v1/events/batch", batch).status()).isEqualTo(201);
    return ids;
  }

  /** Long-polls, asking never for more than is left, until exactly {@code count} arrived. */
  private static List<JsonNode> receiveExactly(String id, int count) {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      GatewayClient.Reply reply =
          gateway.get(
              "/v1/subscriptions/"
                  + id
                  + "/events?timeout_ms=500&max_events="
                  + (count - received.size()));
      assertThat(reply.status()).isEqualTo(200);
      reply.body().forEach(received::add);
    }
    assertThat(received).hasSize(count);
    return received;
  }

  private static List<JsonNode> pollOnce(String id, int timeoutMs) {
    return receive(gateway, id, 1, Duration.ofMillis(timeoutMs));
  }

  private static void awaitStats(
      String id, long received, long delivered, long queue, boolean paused) {
    await("stats of " + id)
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertStats(id, received, delivered, queue, paused));
  }

  private static void assertStats(
      String id, long received, long delivered, long queue, boolean paused) {
    GatewayClient.Reply reply = gateway.get("/v1/subscriptions/" + id + "/stats");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode stats = reply.body();
    assertThat(stats.get("total_received").asLong())
        .as("total_received of %s", stats)
        .isEqualTo(received);
    assertThat(stats.get("delivered").asLong()).as("delivered of %s", stats).isEqualTo(delivered);
    assertThat(stats.get("queue_size").asLong()).as("queue_size of %s", stats).isEqualTo(queue);
    assertThat(stats.get("dropped").asLong()).isZero();
    assertThat(stats.get("rejected").asLong()).isZero();
    assertThat(stats.get("paused").asBoolean()).as("paused of %s", stats).isEqualTo(paused);
  }
}
