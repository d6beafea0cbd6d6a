package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ack_mode: manual} on the real broker, with two platform instances on one broker: events
 * that are not acknowledged come back after the ack timeout, acknowledged ones never, and two
 * instances serving one subscription neither lose an event nor deliver an acknowledged one again.
 */
class ManualAckIT {
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir static Path dataDir;
  @TempDir static Path secondDataDir;
  private static FluxgatePlatform first;
  private static FluxgatePlatform second;
  private static GatewayClient a;
  private static GatewayClient b;

  @BeforeAll
  static void startPlatforms() throws Exception {
    first = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    second =
        FluxgatePlatform.start(
            new StandaloneOptions(secondDataDir, "127.0.0.1", 0, 0, first.bootstrapServers()));
    a = new GatewayClient(first.gatewayUri());
    b = new GatewayClient(second.gatewayUri());
  }

  @AfterAll
  static void stopPlatforms() throws Exception {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void shouldDeliverAgainWhatWasNotAcknowledgedAndNeverWhatWas() {
    String id = subscribe("ack.single.*", 1_000);
    publish("ack.single.x", 0, 3);

    List<JsonNode> firstTry = pollUntil(a, id, 3);
    assertThat(firstTry).extracting(e -> e.get("delivery_attempt").asInt()).containsOnly(1);
    assertThat(firstTry)
        .allSatisfy(e -> assertThat(e.get("ack_id").asText()).matches("\\d+-\\d+-[0-9a-f]+"));
    assertThat(poll(b, id, 200)).as("leased to the first receiver").isEmpty();

    List<JsonNode> again = pollUntil(b, id, 3);
    assertThat(again).extracting(e -> e.get("delivery_attempt").asInt()).containsOnly(2);
    assertThat(seqs(again)).containsExactlyInAnyOrderElementsOf(seqs(firstTry));
    JsonNode late = ack(a, id, "ack", firstTry);
    assertThat(late.get("acked").asInt()).as("%s", late).isZero();
    assertThat(late.get("expired")).as("held by the second receiver").hasSize(3);

    JsonNode acked = ack(a, id, "ack", again);
    assertThat(acked.get("acked").asInt()).isEqualTo(3);
    assertThat(poll(b, id, 1_500)).as("acknowledged: never again").isEmpty();
    assertThat(ack(b, id, "ack", again).get("unknown")).hasSize(3);

    publish("ack.single.x", 3, 2);
    List<JsonNode> nacked = pollUntil(a, id, 2);
    assertThat(ack(b, id, "nack", nacked).get("released").asInt()).isEqualTo(2);
    List<JsonNode> back = pollUntil(a, id, 2);
    assertThat(back).extracting(e -> e.get("delivery_attempt").asInt()).containsOnly(2);
    assertThat(ack(a, id, "ack", back).get("acked").asInt()).isEqualTo(2);

    awaitDelivered(id, 5);
    assertThat(a.get("/v1/subscriptions/" + id + "/stream").status()).isEqualTo(409);

    // A seek starts over: what was acknowledged after the new position comes again.
    assertThat(b.postJson("/v1/subscriptions/" + id + "/seek", Map.of("to", "earliest")).status())
        .isEqualTo(200);
    List<JsonNode> replayed = pollUntil(a, id, 5);
    assertThat(seqs(replayed)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    assertThat(replayed).extracting(e -> e.get("delivery_attempt").asInt()).containsOnly(1);
    assertThat(ack(b, id, "ack", replayed).get("acked").asInt()).isEqualTo(5);
    awaitDelivered(id, 5);
  }

  @Test
  void twoInstancesShouldNeitherLoseNorRepeatAnAcknowledgedEvent() throws Exception {
    int total = 200;
    String id = subscribe("ack.pair.*", 3_000);
    await().atMost(WITHIN).until(() -> b.get("/v1/subscriptions/" + id).status() == 200);
    publish("ack.pair.x", 0, total);

    Map<Integer, Integer> ackCounts = new ConcurrentHashMap<>();
    Map<Integer, Long> ackedAt = new ConcurrentHashMap<>();
    List<long[]> deliveries = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger redelivered = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<?>> receivers = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    for (int receiver = 0; receiver < 2; receiver++) {
      boolean forgetful = receiver == 1;
      receivers.add(
          threads.submit(
              () -> {
                int round = 0;
                while (ackedAt.size() < total && System.nanoTime() < deadline) {
                  GatewayClient poller = round % 2 == 0 ? a : b;
                  GatewayClient acker = poller == a ? b : a;
                  long pollStarted = System.nanoTime();
                  List<JsonNode> batch = poll(poller, id, 500);
                  round++;
                  for (JsonNode event : batch) {
                    deliveries.add(new long[] {seq(event), pollStarted});
                    if (event.get("delivery_attempt").asInt() > 1) {
                      redelivered.incrementAndGet();
                    }
                  }
                  if (batch.isEmpty() || (forgetful && round % 10 == 3)) {
                    continue;
                  }
                  JsonNode answer = ack(acker, id, "ack", batch);
                  long answeredAt = System.nanoTime();
                  List<String> notAcked = new ArrayList<>();
                  answer.get("expired").forEach(e -> notAcked.add(e.asText()));
                  answer.get("unknown").forEach(e -> notAcked.add(e.asText()));
                  assertThat(answer.get("acked").asInt()).isEqualTo(batch.size() - notAcked.size());
                  for (JsonNode event : batch) {
                    if (!notAcked.contains(event.get("ack_id").asText())) {
                      ackCounts.merge(seq(event), 1, Integer::sum);
                      ackedAt.put(seq(event), answeredAt);
                    }
                  }
                }
                return null;
              }));
    }
    for (Future<?> receiver : receivers) {
      receiver.get();
    }
    threads.shutdown();

    assertThat(ackCounts).as("every event acknowledged").hasSize(total);
    assertThat(ackCounts.values()).as("each exactly once").containsOnly(1);
    for (long[] delivery : deliveries) {
      assertThat(delivery[1])
          .as("event %d delivered by a poll started after its ack was answered", delivery[0])
          .isLessThan(ackedAt.get((int) delivery[0]));
    }
    assertThat(redelivered.get()).as("the forgotten batches came back").isPositive();
    System.out.printf(
        "manual ack: %d events, %d deliveries, %d redelivered%n",
        total, deliveries.size(), redelivered.get());
    awaitDelivered(id, total);
  }

  private static String subscribe(String pattern, int ackTimeoutMs) {
    GatewayClient.Reply reply =
        a.postJson(
            "/v1/subscriptions",
            Map.of(
                "patterns",
                List.of(pattern),
                "ack_mode",
                "manual",
                "ack_timeout_ms",
                ackTimeoutMs));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(201);
    return reply.body().get("id").asText();
  }

  private static void publish(String type, int from, int count) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      events.add(event(null, type, "k" + (i % 7), i));
    }
    assertThat(a.postJson("/v1/events/batch", events).status()).isEqualTo(201);
  }

  private static List<JsonNode> poll(GatewayClient gateway, String id, int timeoutMs) {
    GatewayClient.Reply reply =
        gateway.get("/v1/subscriptions/" + id + "/events?max_events=10&timeout_ms=" + timeoutMs);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    reply.body().forEach(events::add);
    return events;
  }

  private static List<JsonNode> pollUntil(GatewayClient gateway, String id, int count) {
    List<JsonNode> received = new ArrayList<>();
    long deadline = System.nanoTime() + WITHIN.toNanos();
    while (received.size() < count && System.nanoTime() < deadline) {
      received.addAll(poll(gateway, id, 3_000));
    }
    assertThat(received).hasSize(count);
    return received;
  }

  private static JsonNode ack(
      GatewayClient gateway, String id, String action, List<JsonNode> events) {
    List<String> ids = events.stream().map(e -> e.get("ack_id").asText()).toList();
    GatewayClient.Reply reply =
        gateway.postJson("/v1/subscriptions/" + id + "/" + action, Map.of("ack_ids", ids));
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body();
  }

  private static void awaitDelivered(String id, long delivered) {
    await("stats of " + id)
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              JsonNode stats = b.get("/v1/subscriptions/" + id + "/stats").body();
              assertThat(stats.get("delivered").asLong()).as("%s", stats).isEqualTo(delivered);
              assertThat(stats.get("queue_size").asLong()).as("%s", stats).isZero();
            });
  }

  private static int seq(JsonNode event) {
    return event.get("data").get("seq").asInt();
  }

  private static List<Integer> seqs(List<JsonNode> events) {
    return events.stream().map(ManualAckIT::seq).toList();
  }
}
