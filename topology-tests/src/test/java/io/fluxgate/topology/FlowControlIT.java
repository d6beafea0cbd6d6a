package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow-control policies on the whole platform, each with a small queue (20) and a slow subscriber
 * under a fast publisher: what was delivered, dropped and rejected adds up to what was published,
 * in the events received and in the stats.
 */
class FlowControlIT {
  private static final int MAX_QUEUE = 20;
  private static final Duration WITHIN = Duration.ofSeconds(15);

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;
  private static GatewayClient admin;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
    admin = new GatewayClient(platform.adminUri());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldReturnTheDefaultFlowControlOfASubscription() {
    JsonNode created =
        gateway.postJson("/v1/subscriptions", Map.of("patterns", List.of("defaults.*"))).body();
    assertThat(created.get("backpressure").asText()).isEqualTo("drop_oldest");
    assertThat(created.get("max_queue_size").asInt()).isEqualTo(10_000);
    assertThat(created.get("block_timeout_ms").asInt()).isEqualTo(5_000);
  }

  @Test
  void dropOldestShouldDeliverOnlyTheNewestMaxQueueSize() {
    String id = subscribe("flow.drop.*", "drop_oldest", 5_000);
    int published = 300;
    for (int batch = 0; batch < 3; batch++) {
      List<Map<String, Object>> events = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        events.add(event(null, "flow.drop.x", "k", batch * 100 + i));
      }
      assertThat(gateway.postJson("/v1/events/batch", events).status()).isEqualTo(201);
    }
    await("the fan-out copied every event")
        .atMost(WITHIN)
        .until(() -> stats(id).get("total_received").asLong() == published);

    List<JsonNode> delivered = drain(id);

    assertThat(delivered).hasSize(MAX_QUEUE);
    assertThat(delivered.get(MAX_QUEUE - 1).get("data").get("seq").asInt())
        .as("the newest stays")
        .isEqualTo(published - 1);
    awaitStats(id, published, MAX_QUEUE, published - MAX_QUEUE, 0);
  }

  @Test
  void dropNewestShouldKeepTheOldestAndDropWhatArrivesWhileTheQueueIsFull() {
    String id = subscribe("flow.newest.*", "drop_newest", 5_000);
    AtomicInteger published = new AtomicInteger();
    for (int batch = 0; batch < 3; batch++) {
      List<Map<String, Object>> events = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        events.add(event(null, "flow.newest.x", "k", published.getAndIncrement()));
      }
      assertThat(gateway.postJson("/v1/events/batch", events).status()).isEqualTo(201);
    }
    await("the fan-out copied or dropped every event")
        .atMost(WITHIN)
        .until(() -> offered(stats(id)) == published.get());
    long peak = stats(id).get("queue_size").asLong();

    List<JsonNode> oldest = drain(id);

    System.out.printf("drop_newest: queue peaked at %d (bound %d)%n", peak, MAX_QUEUE);
    // One fan-out instance counts its copies until the broker has them: no overshoot.
    assertThat(peak).as("the queue at its bound, not past it").isEqualTo(MAX_QUEUE);
    assertThat(oldest)
        .as("the first events published stay, the newest are dropped")
        .extracting(e -> e.get("data").get("seq").asInt())
        .containsExactlyElementsOf(IntStream.range(0, (int) peak).boxed().toList());

    // With the queue drained, the fan-out lets new events through again after its next refresh.
    long before = stats(id).get("total_received").asLong();
    await("an event joins the drained queue")
        .atMost(WITHIN)
        .until(
            () -> {
              int seq = published.getAndIncrement();
              assertThat(
                      gateway
                          .postJson("/v1/events", event(null, "flow.newest.x", "k", seq))
                          .status())
                  .isEqualTo(201);
              await().atMost(WITHIN).until(() -> offered(stats(id)) == published.get());
              return stats(id).get("total_received").asLong() > before;
            });
    List<JsonNode> later = drain(id);

    assertThat(later).hasSize(1);
    assertThat(later.get(0).get("data").get("seq").asInt()).isEqualTo(published.get() - 1);
    long delivered = oldest.size() + later.size();
    awaitStats(id, delivered, delivered, published.get() - delivered, 0);
  }

  /** Matching events offered to a subscription: what reached its topic and what was kept out. */
  private static long offered(JsonNode stats) {
    return stats.get("total_received").asLong() + stats.get("dropped").asLong();
  }

  @Test
  void rejectShouldAnswer429OnceTheQueueIsFullAndDeliverTheRest() {
    String id = subscribe("flow.reject.*", "reject", 5_000);
    int published = 200;
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < published; i++) {
      GatewayClient.Reply reply =
          gateway.postJson("/v1/events", event(null, "flow.reject.x", "k", i));
      if (reply.status() == 201) {
        accepted++;
      } else {
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.body().get("error").asText()).isEqualTo("queue_full");
        assertThat(reply.body().get("details").get(0).get("subscription_id").asText())
            .isEqualTo(id);
        rejected++;
      }
    }
    System.out.printf(
        "reject: %d accepted, %d rejected (bound %d)%n", accepted, rejected, MAX_QUEUE);
    assertThat(rejected).isPositive();
    assertThat(accepted).isGreaterThanOrEqualTo(MAX_QUEUE);

    List<JsonNode> delivered = drainAtLeast(id, accepted);

    assertThat(delivered).hasSize(accepted);
    assertThat(delivered.size() + rejected).isEqualTo(published);
    awaitStats(id, accepted, accepted, 0, rejected);
  }

  @Test
  void blockShouldLoseNothingUnderASlowSubscriber() throws Exception {
    String id = subscribe("flow.block.*", "block", 10_000);
    assertThat(gateway.post("/v1/subscriptions/" + id + "/pause", "application/json", "").status())
        .isEqualTo(200);
    int published = 150;
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicLong maxQueue = new AtomicLong();
    CompletableFuture<List<Integer>> statuses =
        CompletableFuture.supplyAsync(
            () -> {
              List<Integer> codes = new ArrayList<>();
              for (int i = 0; i < published; i++) {
                codes.add(
                    gateway.postJson("/v1/events", event(null, "flow.block.x", "k", i)).status());
              }
              publishing.set(false);
              return codes;
            });
    // The subscriber is paused until the publisher is blocked on the full queue.
    await("the queue filled up")
        .atMost(WITHIN)
        .until(() -> stats(id).get("queue_size").asLong() >= MAX_QUEUE);
    assertThat(statuses).as("the publisher waits for room").isNotDone();
    assertThat(gateway.post("/v1/subscriptions/" + id + "/resume", "application/json", "").status())
        .isEqualTo(200);
    List<JsonNode> delivered = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while ((publishing.get() || delivered.size() < published) && System.nanoTime() < deadline) {
      maxQueue.accumulateAndGet(stats(id).get("queue_size").asLong(), Math::max);
      gateway
          .get("/v1/subscriptions/" + id + "/events?max_events=5&timeout_ms=200")
          .body()
          .forEach(delivered::add);
    }

    System.out.printf("block: largest queue seen %d (bound %d)%n", maxQueue.get(), MAX_QUEUE);
    assertThat(statuses.get()).containsOnly(201);
    assertThat(delivered).hasSize(published);
    assertThat(delivered)
        .extracting(e -> e.get("data").get("seq").asInt())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, published).boxed().toList());
    awaitStats(id, published, published, 0, 0);
  }

  @Test
  void blockShouldAnswer503AfterItsTimeoutAndCountTheRejections() {
    String id = subscribe("flow.timeout.*", "block", 100);
    int published = 40;
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < published; i++) {
      GatewayClient.Reply reply =
          gateway.postJson("/v1/events", event(null, "flow.timeout.x", "k", i));
      if (reply.status() == 201) {
        accepted++;
      } else {
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().get("details").get(0).get("backpressure").asText())
            .isEqualTo("block");
        refused++;
      }
    }
    assertThat(refused).isPositive();

    List<JsonNode> delivered = drainAtLeast(id, accepted);

    assertThat(delivered.size() + refused).isEqualTo(published);
    awaitStats(id, accepted, accepted, 0, refused);
  }

  private static String subscribe(String pattern, String policy, int blockTimeoutMs) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("patterns", List.of(pattern));
    body.put("backpressure", policy);
    body.put("max_queue_size", MAX_QUEUE);
    body.put("block_timeout_ms", blockTimeoutMs);
    boolean checkedAtPublish = policy.equals("block") || policy.equals("reject");
    int checkedBefore = checkedSubscriptions();
    GatewayClient.Reply reply = gateway.postJson("/v1/subscriptions", body);
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.body().get("backpressure").asText()).isEqualTo(policy);
    assertThat(reply.body().get("max_queue_size").asInt()).isEqualTo(MAX_QUEUE);
    String id = reply.body().get("id").asText();
    // The publish path learns about a block/reject subscription within one refresh, the fan-out
    // about any: before that nothing is refused or dropped.
    if (checkedAtPublish) {
      await("publish path checks " + id)
          .atMost(WITHIN)
          .until(() -> checkedSubscriptions() > checkedBefore);
    }
    await("fan-out routes " + id)
        .atMost(WITHIN)
        .until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }

  /** The gateway's gauge of the subscriptions its publish path checks. */
  private static int checkedSubscriptions() {
    JsonNode gauges = admin.get("/metrics").body().get("gauges");
    return gauges.get(GatewayApplication.CHECKED_SUBSCRIPTIONS_GAUGE).get("value").asInt();
  }

  private static JsonNode stats(String id) {
    return gateway.get("/v1/subscriptions/" + id + "/stats").body();
  }

  private static void awaitStats(
      String id, long received, long delivered, long dropped, long rejected) {
    await("stats of " + id)
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              JsonNode stats = stats(id);
              assertThat(stats.get("total_received").asLong())
                  .as("received %s", stats)
                  .isEqualTo(received);
              assertThat(stats.get("delivered").asLong())
                  .as("delivered %s", stats)
                  .isEqualTo(delivered);
              assertThat(stats.get("dropped").asLong()).as("dropped %s", stats).isEqualTo(dropped);
              assertThat(stats.get("rejected").asLong())
                  .as("rejected %s", stats)
                  .isEqualTo(rejected);
              assertThat(stats.get("queue_size").asLong()).as("queue %s", stats).isZero();
            });
  }

  /** Polls until a poll comes back empty. */
  private static List<JsonNode> drain(String id) {
    List<JsonNode> received = new ArrayList<>();
    while (true) {
      JsonNode page =
          gateway.get("/v1/subscriptions/" + id + "/events?max_events=100&timeout_ms=500").body();
      if (page.isEmpty()) {
        return received;
      }
      page.forEach(received::add);
    }
  }

  /** Polls until at least {@code count} arrived (the fan-out may still be copying), then drains. */
  private static List<JsonNode> drainAtLeast(String id, int count) {
    List<JsonNode> received = new ArrayList<>(EventFixtures.receive(gateway, id, count, WITHIN));
    received.addAll(drain(id));
    return received;
  }
}
