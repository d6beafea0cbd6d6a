package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on a real broker. The history is written straight to the event topic with explicit Kafka
 * timestamps (one event a minute, two hours ago), before any subscription exists: minute {@code i}
 * has type {@code replay.order.created}, {@code replay.order.cancelled} or {@code
 * replay.user.created} ({@code i % 3}), key {@code k<i % 4>} and {@code data.amount = 10 * i}.
 */
class ReplayIT {
  private static final int HISTORY = 30;
  private static final String[] TYPES = {
    "replay.order.created", "replay.order.cancelled", "replay.user.created"
  };

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;
  private static HistoryWriter history;
  private static Instant t0;
  private static final List<String> ids = new ArrayList<>();

  @BeforeAll
  static void startPlatformAndWriteHistory() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
    history = new HistoryWriter(platform);
    t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i < HISTORY; i++) {
      ids.add(write(i));
    }
    history.flush();
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (history != null) {
      history.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldRedeliverExactlyTheMatchingEventsOfTheIntervalToThatSubscriptionOnly() {
    String subscription = subscribe("replay.order.*", "data.amount >= 100");
    String bystander = subscribe("replay.order.*", null);

    GatewayClient.Reply accepted =
        gateway.postJson(
            "/v1/subscriptions/" + subscription + "/replay",
            Map.of("from", at(5).toString(), "to", at(20).toString()));

    assertThat(accepted.status()).as("%s", accepted.body()).isEqualTo(202);
    String replayId = accepted.body().get("replay_id").asText();
    assertThat(accepted.body().get("state").asText()).isEqualTo("running");
    JsonNode done =
        await("replay completed")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> gateway.get("/v1/replays/" + replayId).body(),
                job -> !job.get("state").asText().equals("running"));
    // Minutes 5..19, order types (i % 3 != 2) with amount >= 100 (i >= 10).
    List<String> expected = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      if (i % 3 != 2) {
        expected.add(ids.get(i));
      }
    }
    assertThat(done.get("state").asText()).as("%s", done).isEqualTo("completed");
    assertThat(done.get("copied").asLong()).isEqualTo(expected.size());
    assertThat(done.get("scanned").asLong()).isEqualTo(15);
    assertThat(done.get("error").isNull()).isTrue();

    List<JsonNode> received =
        EventFixtures.receive(gateway, subscription, 7, Duration.ofSeconds(15));
    GatewayClient.Reply more =
        gateway.get("/v1/subscriptions/" + subscription + "/events?timeout_ms=500");

    assertThat(received)
        .extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(more.body()).isEmpty();
    assertThat(received)
        .allSatisfy(
            e -> {
              assertThat(e.get("replayed").asBoolean()).isTrue();
              assertThat(e.get("replay_id").asText()).isEqualTo(replayId);
              assertThat(e.get("kafka").get("topic").asText())
                  .isEqualTo(PlatformTopics.subscriptionTopic(subscription));
            });
    assertInOriginalOrderPerKey(received);
    assertThat(gateway.get("/v1/subscriptions/" + bystander + "/events?timeout_ms=1000").body())
        .isEmpty();
  }

  @Test
  void shouldRefuseARangeThatEndsBeforeItStarts() {
    String subscription = subscribe("replay.**", null);

    GatewayClient.Reply refused =
        gateway.postJson(
            "/v1/subscriptions/" + subscription + "/replay",
            Map.of("from", at(20).toString(), "to", at(5).toString()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("details").get(0).get("field").asText()).isEqualTo("from");
    assertThat(gateway.get("/v1/replays/" + UUID.randomUUID()).status()).isEqualTo(404);
  }

  /** Within a key, the replayed events keep the order (here: the minutes) they were written in. */
  private static void assertInOriginalOrderPerKey(List<JsonNode> received) {
    Map<String, List<Integer>> minutesByKey = new LinkedHashMap<>();
    Map<String, Integer> minuteOfId = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      minuteOfId.put(ids.get(i), i);
    }
    for (JsonNode event : received) {
      minutesByKey
          .computeIfAbsent(
              event.get("source").get("correlation_id").asText(), k -> new ArrayList<>())
          .add(minuteOfId.get(event.get("id").asText()));
    }
    minutesByKey.values().forEach(minutes -> assertThat(minutes).isSorted());
  }

  private static String subscribe(String pattern, String filter) {
    Map<String, Object> request = new HashMap<>();
    request.put("name", "replay-it");
    request.put("patterns", List.of(pattern));
    if (filter != null) {
      request.put("filter", filter);
    }
    GatewayClient.Reply created = gateway.postJson("/v1/subscriptions", request);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await("subscription active")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }

  private static String write(int minute) {
    return history.write(
        TYPES[minute % 3], "k" + (minute % 4), at(minute), "{\"amount\": " + (10 * minute) + "}");
  }

  private static Instant at(int minute) {
    return t0.plus(minute, ChronoUnit.MINUTES);
  }
}
