package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscription filters on the whole platform: the fan-out decodes events with its own replica of
 * the schema registry and writes only the matching ones to a filtered subscription's topic, while
 * an unfiltered subscription on the same pattern gets them all.
 */
class SubscriptionFilterIT {
  private static final Duration ACTIVATION_BOUND = Duration.ofSeconds(2);
  private static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String FILTER =
      "data.amount >= 100 && metadata.env == 'prod' && !event_type.endsWith('.test')";

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
  void shouldDeliverExactlyTheMatchingEventsToAFilteredSubscription() throws Exception {
    // A data schema registered after the fan-out started: its replica must catch up to decode.
    GatewayClient.Reply schema =
        gateway.post(
            "/subjects/order.typed/versions",
            REGISTRY_JSON,
            MAPPER.writeValueAsString(
                Map.of(
                    "schema",
                    "{\"type\":\"record\",\"name\":\"OrderTyped\",\"fields\":"
                        + "[{\"name\":\"amount\",\"type\":\"double\"}]}")));
    assertThat(schema.status()).isEqualTo(200);
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("patterns", List.of("order.*"), "filter", FILTER));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("filter").asText()).isEqualTo(FILTER);
    String filtered = created.body().get("id").asText();
    String all = subscribe(List.of("order.*"));
    awaitActive(filtered);
    FanOutMetrics metrics = platform.fanOut().metrics();
    long errorsBefore = metrics.filterCount(FilterOutcome.ERROR);
    long missingBefore = metrics.filterCount(FilterOutcome.MISSING_FIELD);

    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    expected.add(add(batch, "order.created", Map.of("amount", 150), "prod"));
    add(batch, "order.created", Map.of("amount", 99.99), "prod");
    expected.add(add(batch, "order.created", Map.of("amount", 100.0), "prod"));
    add(batch, "order.created", Map.of("amount", 500), "dev");
    add(batch, "order.created", Map.of("note", "no amount"), "prod");
    add(batch, "order.created", Map.of("amount", "lots"), "prod");
    add(batch, "order.test", Map.of("amount", 1000), "prod");
    expected.add(add(batch, "order.typed", Map.of("amount", 120.5), "prod"));
    add(batch, "order.typed", Map.of("amount", 12.5), "prod");
    add(batch, "user.created", Map.of("amount", 1000), "prod");
    GatewayClient.Reply published = gateway.postJson("/v1/events/batch", batch);
    assertThat(published.status()).as("%s", published.body()).isEqualTo(201);

    List<JsonNode> everything = receive(gateway, all, 9, Duration.ofSeconds(30));
    assertThat(everything).hasSize(9);
    List<JsonNode> matching = receive(gateway, filtered, expected.size(), Duration.ofSeconds(30));
    assertThat(matching)
        .extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(receive(gateway, filtered, 1, Duration.ofMillis(500))).as("nothing more").isEmpty();
    assertThat(metrics.filterCount(FilterOutcome.ERROR) - errorsBefore).isEqualTo(1);
    assertThat(metrics.filterCount(FilterOutcome.MISSING_FIELD) - missingBefore).isEqualTo(1);
  }

  @Test
  void shouldRefuseAnInvalidFilterWithItsPosition() {
    GatewayClient.Reply refused =
        gateway.postJson(
            "/v1/subscriptions",
            Map.of("patterns", List.of("order.*"), "filter", "data.amount >= 'x' ||"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("error").asText()).isEqualTo("invalid_filter");
    JsonNode detail = refused.body().get("details").get(0);
    assertThat(detail.get("field").asText()).isEqualTo("filter");
    assertThat(detail.get("position").asInt()).isEqualTo(21);
    assertThat(detail.get("message").asText()).isNotBlank();
  }

  private static String add(
      List<Map<String, Object>> batch, String type, Map<String, Object> data, String env) {
    String id = UUID.randomUUID().toString();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("event_type", type);
    event.put("metadata", Map.of("env", env));
    event.put("data", data);
    batch.add(event);
    return id;
  }

  private static String subscribe(List<String> patterns) {
    GatewayClient.Reply created =
        gateway.postJson("/v1/subscriptions", Map.of("patterns", patterns));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    awaitActive(id);
    return id;
  }

  private static void awaitActive(String id) {
    await("subscription active within 2 s")
        .atMost(ACTIVATION_BOUND)
        .pollInterval(Duration.ofMillis(10))
        .until(() -> platform.fanOut().routes().isActive(id));
  }
}
