package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.assertInPublishOrderPerKey;
import static io.fluxgate.topology.EventFixtures.event;
import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart, the fan-out's tasks resume at their committed offsets with nothing new to read:
 * an {@code earliest} subscription created then must still receive every retained event of every
 * partition, with no new event to wake the partitions up.
 */
class CatchUpAfterRestartIT {
  private static final String EVENTS = "events";
  private static final int EVENT_PARTITIONS = 3;
  private static final int KEYS = 9;
  private static final int EVENTS_PER_KEY = 4;
  private static final Duration ROUTED_BOUND = Duration.ofSeconds(10);
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(15);

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
  void shouldDeliverEveryRetainedEventToAnEarliestSubscriptionCreatedAfterARestart()
      throws Exception {
    List<String> published = new ArrayList<>();
    for (int seq = 1; seq <= EVENTS_PER_KEY; seq++) {
      for (int key = 0; key < KEYS; key++) {
        String id = UUID.randomUUID().toString();
        GatewayClient.Reply reply =
            gateway.postJson("/v1/events", event(id, "restart.kept", "corr-" + key, seq));
        assertThat(reply.status()).isEqualTo(201);
        published.add(id);
      }
    }
    assertThat(eventsPerPartition()).as("events on every partition").doesNotContain(0L);
    awaitRouted(published.size());

    platform.close();
    // Same data directory, fresh ports: reusing the broker's port would put the controller on
    // that port + 1, which any client connection may hold as its ephemeral port meanwhile.
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());

    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("patterns", List.of("restart.*"), "start", "earliest"));
    assertThat(created.status()).isEqualTo(201);
    String subscriptionId = created.body().get("id").asText();

    List<JsonNode> received = receive(gateway, subscriptionId, published.size(), DELIVERY_BOUND);
    assertThat(received)
        .extracting(e -> e.get("id").asText())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(published);
    assertInPublishOrderPerKey(received);
    assertThat(receive(gateway, subscriptionId, 1, Duration.ofMillis(500)))
        .as("nothing more")
        .isEmpty();
  }

  /** The fan-out has routed (and, at its close, committed) everything before the restart. */
  private static void awaitRouted(int count) {
    await("events routed before the restart")
        .atMost(ROUTED_BOUND)
        .until(() -> platform.fanOut().metrics().receivedCount() >= count);
  }

  private static List<Long> eventsPerPartition() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
      IntStream.range(0, EVENT_PARTITIONS)
          .forEach(p -> latest.put(new TopicPartition(EVENTS, p), OffsetSpec.latest()));
      var offsets = admin.listOffsets(latest).all().get();
      return latest.keySet().stream().map(tp -> offsets.get(tp).offset()).toList();
    }
  }
}
