package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.assertInPublishOrderPerKey;
import static io.fluxgate.topology.EventFixtures.event;
import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.GatewayConfiguration;
import io.fluxgate.standalone.FluxgatePlatform;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server-sent events on a real broker: a client that drops the connection mid-stream and reconnects
 * with {@code Last-Event-ID}, on another gateway instance, gets the rest exactly once; an idle
 * stream sends heartbeats; what a stream delivered is committed, so a long poll continues after it.
 * The second instance runs with a 200 ms heartbeat and at most 3 streams.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SseStreamIT {
  private static final Duration ACTIVATION_BOUND = Duration.ofSeconds(2);
  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final int MAX_STREAMS = 3;

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;
  private static DropwizardTestSupport<GatewayConfiguration> second;
  private static boolean secondStopped;

  @BeforeAll
  static void startPlatform() throws Exception {
    // Three partitions per subscription topic: resuming spans several partitions' positions.
    platform = Platforms.withSubscriptionPartitions(dataDir, 3);
    gateway = new GatewayClient(platform.gatewayUri());
    second =
        new DropwizardTestSupport<>(
            GatewayApplication.class,
            ResourceHelpers.resourceFilePath("second-gateway.yml"),
            ConfigOverride.config("kafka.bootstrapServers", platform.bootstrapServers()),
            ConfigOverride.config("sse.heartbeatInterval", "200ms"),
            ConfigOverride.config("sse.commitInterval", "100ms"),
            ConfigOverride.config("sse.maxStreams", Integer.toString(MAX_STREAMS)));
    second.before();
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (second != null && !secondStopped) {
      second.after();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  @Order(1)
  void shouldResumeAfterTheLastEventIdOnAnotherInstanceWithoutLossOrRepeat() throws Exception {
    String id = subscribe("sse.*");
    List<String> published = publish("sse.step", 40);

    List<SseClient.Item> first;
    try (SseClient stream = SseClient.open(streamUri(platform.gatewayUri(), id), null)) {
      assertThat(stream.status()).isEqualTo(200);
      assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
      assertThat(stream.header("Cache-Control")).isEqualTo("no-cache");
      first = stream.messages(15, WITHIN);
    } // the client goes away mid-stream
    String lastEventId = first.get(first.size() - 1).id();

    List<SseClient.Item> rest;
    try (SseClient stream = SseClient.open(streamUri(secondUri(), id), lastEventId)) {
      assertThat(stream.status()).isEqualTo(200);
      rest = stream.messages(25, WITHIN);
      assertThat(stream.messagesUntilComment("heartbeat", WITHIN)).as("nothing more").isEmpty();
    }

    List<SseClient.Item> all = new ArrayList<>(first);
    all.addAll(rest);
    assertThat(all).extracting(SseClient.Item::event).containsOnly("event");
    assertThat(all)
        .extracting(m -> m.data().get("id").asText())
        .hasSize(published.size())
        .containsExactlyInAnyOrderElementsOf(published);
    assertInPublishOrderPerKey(all.stream().map(SseClient.Item::data).toList());
    assertIdsArePositionsAfterEachMessage(all);
    assertThat(all.stream().map(m -> m.data().get("kafka").get("partition").asInt()).distinct())
        .as("the events spread over several partitions")
        .hasSizeGreaterThan(1);
  }

  @Test
  @Order(2)
  void shouldCommitWhatItDeliveredSoThatALongPollContinuesAfterIt() throws Exception {
    String id = subscribe("ssecommit.*");
    List<String> published = publish("ssecommit.step", 6);
    try (SseClient stream = SseClient.open(streamUri(secondUri(), id), null)) {
      assertThat(stream.messages(6, WITHIN))
          .extracting(m -> m.data().get("id").asText())
          .containsExactlyInAnyOrderElementsOf(published);
    }
    awaitNoStreamOpen();

    assertThat(receive(gateway, id, 1, Duration.ofMillis(600))).as("all delivered").isEmpty();
    List<String> later = publish("ssecommit.step", 1);
    assertThat(receive(gateway, id, 1, WITHIN))
        .extracting(e -> e.get("id").asText())
        .containsExactlyElementsOf(later);

    // ... and a stream without Last-Event-ID continues after the long poll.
    try (SseClient stream = SseClient.open(streamUri(secondUri(), id), null)) {
      assertThat(stream.messagesUntilComment("heartbeat", WITHIN)).isEmpty();
    }
  }

  @Test
  @Order(3)
  void shouldSendHeartbeatsOnAnIdleStream() throws Exception {
    String id = subscribe("sseidle.*");
    try (SseClient stream = SseClient.open(streamUri(secondUri(), id), null)) {
      assertThat(stream.next(WITHIN).comment()).isEqualTo("subscription " + id);
      assertThat(stream.next(WITHIN).comment()).isEqualTo("heartbeat");
      assertThat(stream.next(WITHIN).comment()).isEqualTo("heartbeat");
    }
  }

  @Test
  @Order(4)
  void shouldRefuseAStreamBeyondTheInstanceLimitWith503() throws Exception {
    String id = subscribe("sselimit.*");
    awaitNoStreamOpen();
    List<SseClient> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS; i++) {
        SseClient stream = SseClient.open(streamUri(secondUri(), id), null);
        open.add(stream);
        assertThat(stream.status()).isEqualTo(200);
      }
      SseClient refused = SseClient.open(streamUri(secondUri(), id), null);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.errorBody().get("error").asText()).isEqualTo("unavailable");
    } finally {
      for (SseClient stream : open) {
        stream.close();
      }
    }
  }

  @Test
  @Order(5)
  void shouldRefuseUnknownSubscriptionsAndPositionsOutsideTheTopicAsJson() throws Exception {
    String id = subscribe("sserefuse.*");
    publish("sserefuse.x", 1);
    awaitNoStreamOpen(); // the limit is checked first
    Map<String, Integer> cases = new HashMap<>();
    cases.put("0:0,3:0", 400); // the subscription topic has 3 partitions
    cases.put("0:999999", 400); // beyond the end
    cases.put("0:0;1:0", 400); // not a position
    for (Map.Entry<String, Integer> refusal : cases.entrySet()) {
      SseClient stream = SseClient.open(streamUri(secondUri(), id), refusal.getKey());
      assertThat(stream.status()).as(refusal.getKey()).isEqualTo(refusal.getValue());
      assertThat(stream.errorBody().get("error").asText()).isEqualTo("invalid_last_event_id");
    }
    SseClient unknown = SseClient.open(streamUri(secondUri(), "no-such-subscription"), null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorBody().get("error").asText()).isEqualTo("not_found");
  }

  @Test
  @Order(9)
  void shouldEndOpenStreamsWhenTheGatewayStops() throws Exception {
    String id = subscribe("ssestop.*");
    SseClient stream = SseClient.open(streamUri(secondUri(), id), null);
    assertThat(stream.next(WITHIN).comment()).isEqualTo("subscription " + id);

    long started = System.nanoTime();
    second.after();
    secondStopped = true;

    // Jetty would otherwise wait its 30 s grace period for the stream to finish.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    stream.close();
  }

  /** Each id holds, for the message's partition, the offset after it; ids never go back. */
  private static void assertIdsArePositionsAfterEachMessage(List<SseClient.Item> messages) {
    Map<Integer, Long> previous = Map.of();
    for (SseClient.Item message : messages) {
      Map<Integer, Long> position = new HashMap<>();
      for (String pair : message.id().split(",")) {
        String[] parts = pair.split(":");
        position.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
      }
      JsonNode kafka = message.data().get("kafka");
      assertThat(position)
          .containsEntry(kafka.get("partition").asInt(), kafka.get("offset").asLong() + 1);
      for (Map.Entry<Integer, Long> entry : previous.entrySet()) {
        assertThat(position.get(entry.getKey())).isGreaterThanOrEqualTo(entry.getValue());
      }
      previous = position;
    }
  }

  private static void awaitNoStreamOpen() {
    GatewayClient admin =
        new GatewayClient(URI.create("http://127.0.0.1:" + second.getAdminPort()));
    await("streams of gone clients closed")
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                admin
                        .get("/metrics")
                        .body()
                        .path("gauges")
                        .path(GatewayApplication.OPEN_STREAMS_GAUGE)
                        .path("value")
                        .asInt(-1)
                    == 0);
  }

  private static URI secondUri() {
    return URI.create("http://127.0.0.1:" + second.getLocalPort());
  }

  private static URI streamUri(URI base, String subscriptionId) {
    return base.resolve("/v1/subscriptions/" + subscriptionId + "/stream");
  }

  /** {@code count} events of {@code type} over four keys, in one batch; their ids in order. */
  private static List<String> publish(String type, int count) {
    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      batch.add(event(id, type, "corr-" + (i % 4), i / 4 + 1));
      ids.add(id);
    }
    assertThat(gateway.postJson("/v1/events/batch", batch).status()).isEqualTo(201);
    return ids;
  }

  private static String subscribe(String pattern) {
    GatewayClient.Reply created =
        gateway.postJson("/v1/subscriptions", Map.of("name", "sse", "patterns", List.of(pattern)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await("subscription active within 2 s")
        .atMost(ACTIVATION_BOUND)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }
}
