package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topologies deployed over HTTP on the whole platform: an aggregate (YAML) and a correlate (JSON)
 * run within 5 s of their {@code 201}, count exactly the events published after it, publish their
 * results as events a subscription receives, report their status, are replaced by a changed spec,
 * and leave no internal topic or consumer group behind once deleted.
 */
class TopologyDeploymentIT {
  private static final Duration RUNNING_WITHIN = Duration.ofSeconds(5);
  private static final Duration WITHIN = Duration.ofSeconds(30);

  private static final String ERRORS_YAML =
      """
      name: it-errors
      kind: aggregate
      input: "itagg.error"
      group_by: [source.component]
      window: {type: tumbling, size: 1m, grace: 0s}
      aggregations:
        - op: count
        - {op: max, path: data.latency_ms, name: max_latency}
      emit: updates
      output_event_type: itagg.stats
      """;

  private static final String LATENCY_JSON =
      """
      {"name": "it-latency", "kind": "correlate",
       "left": "itreq.started", "right": "itreq.completed",
       "within": "2s", "grace": "0s", "join": "left",
       "output_event_type": "itreq.latency", "timeout_event_type": "itreq.timeout",
       "fields": {"path": "left.data.path"}}
      """;

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;
  private static Admin admin;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
    admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()));
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldDeployRunPublishReplaceAndDeleteTopologies() throws Exception {
    String subscription = subscribe("itagg.stats", "itreq.latency", "itreq.timeout");
    Instant windowTime = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(30);
    // Published before the deploy: the aggregate must not count it.
    publish(error("api", 99, windowTime));

    GatewayClient.Reply errors = gateway.post("/v1/topologies", "application/yaml", ERRORS_YAML);
    long errorsDeployed = System.nanoTime();
    assertThat(errors.status()).isEqualTo(201);
    assertThat(errors.body().get("deployment").asText()).isEqualTo("created");
    assertThat(errors.body().get("application_id").asText())
        .isEqualTo("fluxgate-topology-it-errors");
    assertThat(errors.body().get("window").get("grace").asText()).isEqualTo("0s");
    assertThat(errors.body().get("status").get("state").asText()).isEqualTo("deploying");
    GatewayClient.Reply latency = gateway.post("/v1/topologies", "application/json", LATENCY_JSON);
    long latencyDeployed = System.nanoTime();
    assertThat(latency.status()).isEqualTo(201);

    Duration errorsRunning = awaitState("it-errors", "running", errorsDeployed);
    Duration latencyRunning = awaitState("it-latency", "running", latencyDeployed);
    System.out.printf(
        "TopologyDeploymentIT: running %d ms (aggregate) and %d ms (correlate) after the 201%n",
        errorsRunning.toMillis(), latencyRunning.toMillis());
    assertThat(errorsRunning).isLessThanOrEqualTo(RUNNING_WITHIN);
    assertThat(latencyRunning).isLessThanOrEqualTo(RUNNING_WITHIN);
    assertThat(gateway.get("/v1/topologies").body())
        .extracting(t -> t.get("name").asText())
        .containsExactly("it-errors", "it-latency");

    publish(
        error("api", 10, windowTime), error("api", 30, windowTime), error("api", 20, windowTime));
    Instant t0 = Instant.now();
    publish(
        request("itreq.started", "c1", t0),
        request("itreq.completed", "c1", t0.plusMillis(500)),
        request("itreq.started", "c2", t0));
    // Right sides of c2 past its window cannot match; they move its partition's stream time past
    // the window. Kafka Streams looks for timed-out left sides at most once a second (wall clock)
    // when a record arrives, so keep them coming until the timeout is out.
    AtomicInteger ticks = new AtomicInteger();
    List<JsonNode> results = new ArrayList<>();
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(300))
        .untilAsserted(
            () -> {
              if (results.stream().noneMatch(e -> isType(e, "itreq.timeout"))) {
                publish(request("itreq.completed", "c2", t0.plusSeconds(10 + ticks.get())));
                ticks.incrementAndGet();
              }
              results.addAll(poll(subscription));
              assertThat(results)
                  .anySatisfy(e -> assertAggregate(e, 3, 30))
                  .anySatisfy(e -> assertLatency(e, "c1"))
                  .anySatisfy(e -> assertTimeout(e, "c2"))
                  .as("join: left also publishes the unmatched left side, with a null duration")
                  .anySatisfy(e -> assertUnmatchedLeft(e, "c2"));
            });
    assertThat(results)
        .filteredOn(e -> e.get("event_type").asText().equals("itagg.stats"))
        .as("only the events published after the deploy are counted")
        .extracting(e -> e.get("data").get("count").asLong())
        .containsExactly(1L, 2L, 3L);
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              JsonNode status = gateway.get("/v1/topologies/it-errors").body().get("status");
              assertThat(status.get("processed").asLong()).isEqualTo(3);
              assertThat(status.get("published").asLong()).isEqualTo(3);
              assertThat(status.get("lag").asLong()).isZero();
              assertThat(status.get("instances").asInt()).isEqualTo(1);
              assertThat(status.get("last_error").isNull()).isTrue();
              JsonNode correlate = gateway.get("/v1/topologies/it-latency").body().get("status");
              assertThat(correlate.get("processed").asLong()).isEqualTo(3 + ticks.get());
              assertThat(correlate.get("published").asLong()).isEqualTo(3);
            });
    // The window state over interactive queries, read from the deployed aggregate's store.
    GatewayClient.Reply windows = gateway.get("/v1/topologies/it-errors/results?group=api");
    assertThat(windows.status()).as("%s", windows.body()).isEqualTo(200);
    assertThat(windows.body().get("windows"))
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.get("group").get("source.component").asText()).isEqualTo("api");
              assertThat(w.get("count").asLong()).isEqualTo(3);
              assertThat(w.get("max_latency").asDouble()).isEqualTo(30.0);
            });
    assertThat(gateway.get("/v1/topologies/it-errors/results?group=web").body().get("windows"))
        .isEmpty();
    assertThat(gateway.get("/v1/topologies/it-latency/results").status()).isEqualTo(409);
    assertThat(internalTopics("it-errors")).isNotEmpty();
    assertThat(internalTopics("it-latency")).isNotEmpty();

    GatewayClient.Reply same = gateway.post("/v1/topologies", "application/json", LATENCY_JSON);
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.body().get("deployment").asText()).isEqualTo("unchanged");
    assertThat(same.body().get("generation")).isEqualTo(latency.body().get("generation"));

    GatewayClient.Reply replaced =
        gateway.post("/v1/topologies", "text/yaml", ERRORS_YAML.replace("size: 1m", "size: 2m"));
    long replacedAt = System.nanoTime();
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().get("deployment").asText()).isEqualTo("replaced");
    assertThat(replaced.body().get("window").get("size").asText()).isEqualTo("2m");
    assertThat(replaced.body().get("generation")).isNotEqualTo(errors.body().get("generation"));
    Duration replacedRunning = awaitState("it-errors", "running", replacedAt);
    System.out.printf(
        "TopologyDeploymentIT: replaced aggregate running %d ms after the 200%n",
        replacedRunning.toMillis());
    publish(error("web", 5, Instant.now()));
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              JsonNode status = gateway.get("/v1/topologies/it-errors").body().get("status");
              assertThat(status.get("processed").asLong()).as("a fresh count").isEqualTo(1);
            });

    assertThat(gateway.delete("/v1/topologies/it-errors").status()).isEqualTo(204);
    assertThat(gateway.delete("/v1/topologies/it-latency").status()).isEqualTo(204);
    assertThat(gateway.get("/v1/topologies/it-errors").status()).isEqualTo(404);
    assertThat(gateway.get("/v1/topologies/it-latency").status()).isEqualTo(404);
    assertThat(gateway.get("/v1/topologies").body()).isEmpty();
    await()
        .atMost(WITHIN)
        .untilAsserted(
            () -> {
              assertThat(internalTopics("it-errors")).isEmpty();
              assertThat(internalTopics("it-latency")).isEmpty();
              assertThat(groups())
                  .doesNotContain("fluxgate-topology-it-errors", "fluxgate-topology-it-latency");
            });
  }

  @Test
  void shouldRefuseBadSpecsAndUnknownTopologies() {
    GatewayClient.Reply bad =
        gateway.post(
            "/v1/topologies",
            "application/x-yaml",
            """
            name: Bad Name
            kind: aggregate
            input: "a.*"
            window: {type: tumbling, size: 1 minute}
            aggregations: [{op: median, path: data.n}]
            output_event_type: a.stats
            """);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().get("error").asText()).isEqualTo("invalid_topology");
    assertThat(bad.body().get("details"))
        .extracting(d -> d.get("field").asText())
        .contains("name", "window.size", "aggregations[0].op");
    assertThat(bad.body().get("details"))
        .allSatisfy(d -> assertThat(d.get("message").asText()).isNotBlank());

    GatewayClient.Reply text = gateway.post("/v1/topologies", "text/plain", LATENCY_JSON);
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.body().get("error").asText()).isEqualTo("unsupported_media_type");
    assertThat(gateway.get("/v1/topologies/it-missing").status()).isEqualTo(404);
    assertThat(gateway.delete("/v1/topologies/it-missing").body().get("error").asText())
        .isEqualTo("not_found");
  }

  private static boolean isType(JsonNode event, String type) {
    return event.get("event_type").asText().equals(type);
  }

  private static void assertAggregate(JsonNode event, long count, double max) {
    assertThat(event.get("event_type").asText()).isEqualTo("itagg.stats");
    JsonNode data = event.get("data");
    assertThat(data.get("count").asLong()).isEqualTo(count);
    assertThat(data.path("max_latency").asDouble()).isEqualTo(max);
    assertThat(data.get("group").get("source.component").asText()).isEqualTo("api");
  }

  private static void assertLatency(JsonNode event, String correlationId) {
    assertThat(event.get("event_type").asText()).isEqualTo("itreq.latency");
    assertThat(event.get("data").get("correlation_id").asText()).isEqualTo(correlationId);
    assertThat(event.get("data").get("duration_ms").asLong()).isEqualTo(500);
    assertThat(event.get("data").get("path").asText()).isEqualTo("/" + correlationId);
  }

  private static void assertUnmatchedLeft(JsonNode event, String correlationId) {
    assertThat(event.get("event_type").asText()).isEqualTo("itreq.latency");
    assertThat(event.get("data").get("correlation_id").asText()).isEqualTo(correlationId);
    assertThat(event.get("data").get("duration_ms").isNull()).isTrue();
  }

  private static void assertTimeout(JsonNode event, String correlationId) {
    assertThat(event.get("event_type").asText()).isEqualTo("itreq.timeout");
    assertThat(event.get("data").get("correlation_id").asText()).isEqualTo(correlationId);
    assertThat(event.get("data").get("duration_ms").isNull()).isTrue();
  }

  /** Waits for the topology to report {@code state}, and returns how long after {@code since}. */
  private static Duration awaitState(String name, String state, long since) {
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> gateway.get("/v1/topologies/" + name).body().get("status").get("state").asText(),
            state::equals);
    return Duration.ofNanos(System.nanoTime() - since);
  }

  private static Map<String, Object> error(String component, int latencyMs, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_type", "itagg.error");
    event.put("timestamp", at.toString());
    event.put("source", Map.of("component", component));
    event.put("data", Map.of("latency_ms", latencyMs));
    return event;
  }

  private static Map<String, Object> request(String type, String correlationId, Instant at) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("event_type", type);
    event.put("timestamp", at.toString());
    event.put("source", Map.of("component", "it", "correlation_id", correlationId));
    event.put("data", Map.of("path", "/" + correlationId));
    return event;
  }

  @SafeVarargs
  private static void publish(Map<String, Object>... events) {
    for (Map<String, Object> event : events) {
      assertThat(gateway.postJson("/v1/events", event).status()).isEqualTo(201);
    }
  }

  private static String subscribe(String... patterns) {
    GatewayClient.Reply reply =
        gateway.postJson(
            "/v1/subscriptions", Map.of("name", "topology-results", "patterns", List.of(patterns)));
    assertThat(reply.status()).isEqualTo(201);
    return reply.body().get("id").asText();
  }

  private static List<JsonNode> poll(String subscription) {
    GatewayClient.Reply reply =
        gateway.get("/v1/subscriptions/" + subscription + "/events?max_events=100&timeout_ms=500");
    assertThat(reply.status()).isEqualTo(200);
    List<JsonNode> events = new ArrayList<>();
    reply.body().forEach(events::add);
    return events;
  }

  private static Set<String> internalTopics(String name) throws Exception {
    String prefix = "fluxgate-topology-" + name + "-";
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private static Set<String> groups() throws Exception {
    return admin.listGroups().all().get().stream()
        .map(GroupListing::groupId)
        .collect(Collectors.toSet());
  }
}
