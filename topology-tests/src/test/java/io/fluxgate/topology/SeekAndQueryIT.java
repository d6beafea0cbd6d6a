package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.GatewayConfiguration;
import io.fluxgate.gateway.core.Delivery;
import io.fluxgate.gateway.core.DeliveryService;
import io.fluxgate.standalone.FluxgatePlatform;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Historical queries and seeks on a real broker. Events are written straight to the event topic
 * with explicit Kafka timestamps (one a minute, two hours ago), since the gateway stamps what it
 * publishes with its own clock.
 */
class SeekAndQueryIT {
  private static final int QUERY_EVENTS = 60;

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;
  private static HistoryWriter history;

  /** The query events: {@code query.alpha} at even minutes, {@code query.beta.x} at odd ones. */
  private static Instant t0;

  private static final List<String> queryIds = new ArrayList<>();

  @BeforeAll
  static void startPlatformAndWriteHistory() throws Exception {
    // Three partitions per subscription topic: a seek moves every partition.
    platform = Platforms.withSubscriptionPartitions(dataDir, 3);
    gateway = new GatewayClient(platform.gatewayUri());
    history = new HistoryWriter(platform);
    t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i < QUERY_EVENTS; i++) {
      String type = i % 2 == 0 ? "query.alpha" : "query.beta.x";
      queryIds.add(write(type, "k" + (i % 3), t0.plus(i, ChronoUnit.MINUTES)));
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
  void shouldReturnTheMatchingEventsOfARangeInTimeOrder() {
    GatewayClient.Reply reply =
        gateway.get("/v1/events?type=query.alpha&from=" + at(10) + "&to=" + at(20) + "&limit=100");

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    assertThat(reply.body().get("truncated").asBoolean()).isFalse();
    assertThat(reply.body().get("next").isNull()).isTrue();
    // from inclusive, to exclusive: minutes 10, 12, 14, 16, 18.
    assertThat(ids(reply.body()))
        .containsExactly(
            queryIds.get(10),
            queryIds.get(12),
            queryIds.get(14),
            queryIds.get(16),
            queryIds.get(18));
    JsonNode first = reply.body().get("events").get(0);
    assertThat(first.get("event_type").asText()).isEqualTo("query.alpha");
    assertThat(first.get("kafka").get("topic").asText()).isEqualTo(TopicCatalog.DEFAULT_TOPIC);
    assertThat(first.get("kafka").get("offset").isIntegralNumber()).isTrue();
    assertThat(first.get("kafka").get("timestamp").asText())
        .isEqualTo(t0.plus(10, ChronoUnit.MINUTES).toString());
  }

  @Test
  void shouldApplyACelFilterToTheEventsOfARange() {
    GatewayClient.Reply reply =
        gateway.get(
            "/v1/events?type=query.alpha&from="
                + at(10)
                + "&to="
                + at(20)
                + "&filter="
                + URLEncoder.encode("source.correlation_id == \"k1\"", StandardCharsets.UTF_8));

    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    // query.alpha at minutes 10..18 whose key is k1 (i % 3 == 1): minutes 10 and 16.
    assertThat(ids(reply.body())).containsExactly(queryIds.get(10), queryIds.get(16));
  }

  @Test
  void shouldPageThroughARangeWithTheCursorWithoutGapsOrRepeats() {
    List<JsonNode> pages =
        pageThrough(
            gateway, "/v1/events?type=query.**&from=" + at(0) + "&to=" + at(60) + "&limit=7");

    List<String> received = new ArrayList<>();
    pages.forEach(page -> received.addAll(ids(page)));
    assertThat(received).containsExactlyElementsOf(queryIds);
    assertThat(pages).hasSize(9); // 8 full pages of 7, then 4
    pages.subList(0, 8).forEach(page -> assertThat(page.get("reason").asText()).isEqualTo("limit"));
    assertThat(pages.get(8).get("truncated").asBoolean()).isFalse();
  }

  @Test
  void shouldCutAScanShortAtItsBudgetAndContinueFromTheCursor() throws Exception {
    DropwizardTestSupport<GatewayConfiguration> small =
        new DropwizardTestSupport<>(
            GatewayApplication.class,
            ResourceHelpers.resourceFilePath("second-gateway.yml"),
            ConfigOverride.config("kafka.bootstrapServers", platform.bootstrapServers()),
            ConfigOverride.config("query.maxScannedRecords", "10"));
    small.before();
    try {
      GatewayClient budgeted =
          new GatewayClient(URI.create("http://127.0.0.1:" + small.getLocalPort()));
      List<JsonNode> pages =
          pageThrough(budgeted, "/v1/events?type=query.beta.*&from=" + at(0) + "&to=" + at(60));

      // 60 records in range, 10 scanned per page: 5 pages cut short, then the last 10.
      assertThat(pages).hasSize(6);
      pages
          .subList(0, 5)
          .forEach(page -> assertThat(page.get("reason").asText()).isEqualTo("scan_budget"));
      List<String> received = new ArrayList<>();
      pages.forEach(page -> received.addAll(ids(page)));
      List<String> betas =
          IntStream.range(0, QUERY_EVENTS).filter(i -> i % 2 == 1).mapToObj(queryIds::get).toList();
      assertThat(received).containsExactlyElementsOf(betas);
    } finally {
      small.after();
    }
  }

  @Test
  void shouldDeliverFromWhereASeekMovedTheSubscription() throws Exception {
    String id = subscribe("seek.*");
    Instant s0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(write("seek.tick", "k" + (i % 3), s0.plus(i, ChronoUnit.MINUTES)));
    }
    history.flush();
    assertThat(idsOf(receive(gateway, id, 10, Duration.ofSeconds(30))))
        .containsExactlyInAnyOrderElementsOf(ids);
    assertThat(receive(gateway, id, 1, Duration.ofMillis(300))).isEmpty();

    GatewayClient.Reply earliest = seek(id, "earliest");
    assertThat(earliest.status()).as("%s", earliest.body()).isEqualTo(200);
    assertThat(earliest.body().get("positions")).hasSize(3);
    earliest.body().get("positions").forEach(p -> assertThat(p.get("offset").asLong()).isZero());
    assertThat(idsOf(receive(gateway, id, 10, Duration.ofSeconds(10))))
        .containsExactlyInAnyOrderElementsOf(ids);

    assertThat(seek(id, s0.plus(5, ChronoUnit.MINUTES).toString()).status()).isEqualTo(200);
    assertThat(idsOf(receive(gateway, id, 5, Duration.ofSeconds(10))))
        .containsExactlyInAnyOrderElementsOf(ids.subList(5, 10));
    assertThat(receive(gateway, id, 1, Duration.ofMillis(300))).isEmpty();

    // A time after every event: every partition goes to its end.
    assertThat(seek(id, s0.plus(1, ChronoUnit.HOURS).toString()).status()).isEqualTo(200);
    assertThat(receive(gateway, id, 1, Duration.ofMillis(300))).isEmpty();

    assertThat(seek(id, "earliest").status()).isEqualTo(200);
    GatewayClient.Reply latest = seek(id, "latest");
    assertThat(latest.status()).isEqualTo(200);
    long total = 0;
    for (JsonNode p : latest.body().get("positions")) {
      total += p.get("offset").asLong();
    }
    assertThat(total).isEqualTo(10);
    assertThat(receive(gateway, id, 1, Duration.ofMillis(300))).isEmpty();
    String fresh = write("seek.tick", "k0", Instant.now());
    history.flush();
    assertThat(idsOf(receive(gateway, id, 1, Duration.ofSeconds(30)))).containsExactly(fresh);
  }

  @Test
  void shouldStartASubscriptionAtATimeInThePast() throws Exception {
    Instant s0 = Instant.now().minus(40, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ids.add(write("since.tick", "k" + (i % 3), s0.plus(i, ChronoUnit.MINUTES)));
    }
    history.flush();
    String from =
        s0.plus(6, ChronoUnit.MINUTES).atOffset(java.time.ZoneOffset.ofHours(2)).toString();

    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("patterns", List.of("since.*"), "start", from));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.body().get("start").asText())
        .isEqualTo(s0.plus(6, ChronoUnit.MINUTES).toString());
    String id = created.body().get("id").asText();

    // Minutes 6..9 only (nothing more arrives after them), then what is published from now on.
    assertThat(idsOf(receive(gateway, id, 4, Duration.ofSeconds(30))))
        .containsExactlyInAnyOrderElementsOf(ids.subList(6, 10));
    assertThat(receive(gateway, id, 1, Duration.ofMillis(300))).isEmpty();
    String fresh = write("since.tick", "k0", Instant.now());
    history.flush();
    assertThat(idsOf(receive(gateway, id, 1, Duration.ofSeconds(30)))).containsExactly(fresh);
  }

  @Test
  void shouldRefuseAStartTimeInTheFuture() {
    GatewayClient.Reply refused =
        gateway.postJson(
            "/v1/subscriptions",
            Map.of(
                "patterns",
                List.of("since.*"),
                "start",
                Instant.now().plus(1, ChronoUnit.HOURS).toString()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("details").get(0).get("field").asText()).isEqualTo("start");
  }

  @Test
  void shouldNotLetAPollInFlightCommitOverASeek() throws Exception {
    String id = subscribe("guard.*");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(write("guard.step", "k" + i, Instant.now()));
    }
    history.flush();
    // All three copied by the fan-out first, so that one poll can return them together.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                gateway.get("/v1/subscriptions/" + id + "/stats").body().get("queue_size").asLong()
                    == 3);
    Subscription subscription =
        new Subscription(
            id, null, List.of("guard.*"), StartPosition.LATEST, Map.of(), Instant.now());
    DeliveryService delivery =
        new DeliveryService(
            Map.of("bootstrap.servers", platform.bootstrapServers()),
            history.codec(),
            Clock.systemUTC());
    try {
      Delivery inFlight = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (inFlight == null && System.nanoTime() < deadline) {
        Delivery attempt = delivery.poll(subscription, 10, Duration.ofSeconds(1));
        if (attempt.size() == 3) {
          inFlight = attempt;
        } else {
          attempt.close();
        }
      }
      assertThat(inFlight).as("all three events in one poll").isNotNull();
      try (Delivery late = inFlight) {
        assertThat(seek(id, "earliest").status()).isEqualTo(200);
        late.commit(); // written to its client after the seek: must not move the group back
      }
    } finally {
      delivery.stop();
    }
    assertThat(idsOf(receive(gateway, id, 3, Duration.ofSeconds(10))))
        .containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void shouldRefuseToSeekWhileAKafkaClientHoldsTheGroup() throws Exception {
    String id = subscribe("held.*");
    try (KafkaConsumer<String, byte[]> member =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                platform.bootstrapServers(),
                "group.id",
                PlatformTopics.subscriptionConsumerGroup(id)),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      member.subscribe(List.of(PlatformTopics.subscriptionTopic(id)));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
              });

      GatewayClient.Reply refused = seek(id, "earliest");
      assertThat(refused.status()).as("%s", refused.body()).isEqualTo(409);
      assertThat(refused.body().get("error").asText()).isEqualTo("subscription_in_use");
    }
    assertThat(seek(id, "earliest").status()).isEqualTo(200);
    assertThat(seek("no-such-subscription", "earliest").status()).isEqualTo(404);
  }

  /** Follows {@code next.cursor} until a page is not truncated; returns every page. */
  private static List<JsonNode> pageThrough(GatewayClient client, String query) {
    List<JsonNode> pages = new ArrayList<>();
    String cursor = null;
    do {
      GatewayClient.Reply reply = client.get(query + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
      pages.add(reply.body());
      cursor =
          reply.body().get("truncated").asBoolean()
              ? reply.body().get("next").get("cursor").asText()
              : null;
      assertThat(pages).as("pages").hasSizeLessThan(50);
    } while (cursor != null);
    return pages;
  }

  private static GatewayClient.Reply seek(String id, String to) {
    return gateway.postJson("/v1/subscriptions/" + id + "/seek", Map.of("to", to));
  }

  private static String write(String type, String key, Instant timestamp) {
    return history.write(type, key, timestamp, null);
  }

  /** The RFC 3339 time of query minute {@code minute}, URL-encoded. */
  private static String at(int minute) {
    return URLEncoder.encode(
        t0.plus(minute, ChronoUnit.MINUTES).toString(), StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode page) {
    return idsOf(page.get("events"));
  }

  private static List<String> idsOf(Iterable<JsonNode> events) {
    List<String> ids = new ArrayList<>();
    events.forEach(e -> ids.add(e.get("id").asText()));
    Set<String> unique = new HashSet<>(ids);
    assertThat(unique).as("no event twice").hasSameSizeAs(ids);
    return ids;
  }

  private static String subscribe(String pattern) {
    GatewayClient.Reply created =
        gateway.postJson("/v1/subscriptions", Map.of("name", "it", "patterns", List.of(pattern)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await("subscription active")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }
}
