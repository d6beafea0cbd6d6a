package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicRule;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.TopologySpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.SchemaRegistryReplica;
import io.fluxgate.processor.query.KafkaStreamsStores;
import io.fluxgate.processor.query.RemoteQueries;
import io.fluxgate.processor.topology.AggregateTopology;
import io.fluxgate.processor.topology.RunningTopologies;
import io.fluxgate.processor.topology.TopologyCounters;
import io.fluxgate.processor.topology.TopologyOutput;
import io.fluxgate.processor.topology.TopologyQueryService;
import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive queries on the real platform: a correlation's timeline over HTTP, forwarded over HTTP
 * by a second platform instance on the same cluster to the one holding it (its {@code
 * application.server}), and an aggregate's windows read from two Kafka Streams instances that each
 * hold part of them. Deploying topologies over HTTP is not part of this branch, so the aggregate
 * runs here, behind a small {@link RunningTopologies}, and the two instances ask each other in
 * process instead of over HTTP (the HTTP hop has its own test, {@code TopologyQueriesHttpTest}).
 */
class TopologyQueriesIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(40);

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

  private static void publish(String type, Instant at, String extraJson) {
    GatewayClient.Reply reply =
        gateway.post(
            "/v1/events",
            "application/json",
            "{\"event_type\": \"" + type + "\", \"timestamp\": \"" + at + "\", " + extraJson + "}");
    assertThat(reply.status()).as("publish: %s", reply.body()).isEqualTo(201);
  }

  @Test
  void shouldAnswerACorrelationsEventsInTimeOrderOverHttp() {
    String correlation = "req-" + UUID.randomUUID();
    Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    String source = "\"source\": {\"component\": \"api\", \"correlation_id\": \"" + correlation;
    publish("request.completed", t0.plusSeconds(2), source + "\"}, \"data\": {\"step\": 3}");
    publish("request.started", t0, source + "\"}, \"data\": {\"step\": 1}");
    publish("request.routed", t0.plusSeconds(1), source + "\"}, \"data\": {\"step\": 2}");
    publish("request.started", t0, "\"source\": {\"correlation_id\": \"someone-else\"}");

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              GatewayClient.Reply reply = gateway.get("/v1/correlations/" + correlation);
              assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
              assertThat(reply.body().get("correlation_id").asText()).isEqualTo(correlation);
              assertThat(reply.body().get("events"))
                  .extracting(e -> e.get("data").get("step").asInt())
                  .containsExactly(1, 2, 3);
            });
    JsonNode first = gateway.get("/v1/correlations/" + correlation).body().get("events").get(0);
    assertThat(first.get("event_type").asText()).isEqualTo("request.started");
    assertThat(first.get("timestamp").asText()).isEqualTo(t0.toString());

    GatewayClient.Reply unknown = gateway.get("/v1/correlations/nobody-" + UUID.randomUUID());
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.body().get("events").isEmpty()).isTrue();
  }

  @Test
  void shouldForwardATimelineToTheInstanceThatHoldsItOverHttp(@TempDir Path secondDataDir)
      throws Exception {
    Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    // Each partition of the timelines' input gets correlations, so whichever partitions the
    // second instance takes, both instances hold some (random keys all landed on the second
    // instance's partitions in one CI run).
    int partitions;
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()))) {
      partitions =
          admin
              .describeTopics(List.of(PlatformTopics.CORRELATED))
              .allTopicNames()
              .get()
              .get(PlatformTopics.CORRELATED)
              .partitions()
              .size();
    }
    List<String> correlations = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String correlation;
      do {
        correlation = "spread-" + i + "-" + UUID.randomUUID();
      } while (partitionOf(correlation, partitions) != i % partitions);
      correlations.add(correlation);
      for (int step = 2; step >= 1; step--) {
        publish(
            "request.step",
            t0.plusSeconds(step),
            "\"source\": {\"correlation_id\": \""
                + correlation
                + "\"}, \"data\": {\"step\": "
                + step
                + "}");
      }
    }
    try (FluxgatePlatform second =
        FluxgatePlatform.start(
            new StandaloneOptions(secondDataDir, "127.0.0.1", 0, 0, platform.bootstrapServers()))) {
      GatewayClient secondGateway = new GatewayClient(second.gatewayUri());
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () -> {
                int heldBySecond = 0;
                for (String correlation : correlations) {
                  for (GatewayClient client : List.of(gateway, secondGateway)) {
                    GatewayClient.Reply reply = client.get("/v1/correlations/" + correlation);
                    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
                    assertThat(reply.body().get("events"))
                        .extracting(e -> e.get("data").get("step").asInt())
                        .containsExactly(1, 2);
                  }
                  int onFirst = localEvents(gateway, correlation);
                  int onSecond = localEvents(secondGateway, correlation);
                  assertThat(List.of(onFirst, onSecond))
                      .as("one instance holds %s", correlation)
                      .containsExactlyInAnyOrder(0, 2);
                  heldBySecond += onSecond == 2 ? 1 : 0;
                }
                assertThat(heldBySecond)
                    .as("each instance holds some of the timelines")
                    .isBetween(1, correlations.size() - 1);
              });
    }
  }

  /** How many events of the correlation the instance behind {@code client} holds itself. */
  private static int localEvents(GatewayClient client, String correlation) {
    GatewayClient.Reply reply = client.get("/internal/correlations/local?id=" + correlation);
    assertThat(reply.status()).as("%s", reply.body()).isEqualTo(200);
    return reply.body().size();
  }

  @Test
  void shouldAnswerNotFoundForResultsOfATopologyThatIsNotDeployed() {
    GatewayClient.Reply reply = gateway.get("/v1/topologies/not-deployed/results");

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.body().get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void shouldMergeTheWindowsOfTwoInstancesAndRouteAGroupToItsOwner() throws Exception {
    String name = "per-component-" + UUID.randomUUID().toString().substring(0, 8);
    AggregateSpec spec =
        (AggregateSpec)
            TopologySpecParser.parse(
                ("{name: "
                        + name
                        + ", kind: aggregate, input: \"query.it.*\", group_by: [source.component],"
                        + " window: {type: tumbling, size: 1h}, aggregations: [{op: count}],"
                        + " output_event_type: metrics.query-it}")
                    .getBytes(StandardCharsets.UTF_8),
                true);
    List<String> components = List.of("api", "db", "web", "cache", "queue", "auth", "mail", "jobs");
    Instant at = Instant.now().truncatedTo(ChronoUnit.HOURS);
    for (int i = 0; i < components.size(); i++) {
      for (int n = 0; n <= i; n++) {
        publish(
            "query.it.done",
            at.plusSeconds(n),
            "\"source\": {\"component\": \"" + components.get(i) + "\"}");
      }
    }

    SchemaRegistryReplica registry =
        new SchemaRegistryReplica(
            new KafkaRegistryLog(
                KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", platform.bootstrapServers()))
                    .withReplicationFactor((short) 1)));
    registry.start();
    int envelopeId =
        gateway.get("/subjects/fluxgate:envelope/versions/latest").body().get("id").asInt();
    TopologyOutput output =
        new TopologyOutput(
            TopicCatalog.of(List.of(TopicRule.of("**", "events"))),
            new EventJson(EventLimits.defaults(), Clock.systemUTC()),
            e -> registry.codec().encode(envelopeId, e));
    Map<HostInfo, TopologyQueryService> instances = new HashMap<>();
    RemoteQueries inProcess =
        new RemoteQueries() {
          @Override
          public ArrayNode localResults(
              HostInfo host,
              String topology,
              Optional<List<String>> keys,
              Instant from,
              Instant to) {
            return instances.get(host).localResults(topology, keys, from, to).orElseThrow();
          }

          @Override
          public ArrayNode localTimeline(HostInfo host, String correlationId) {
            return instances.get(host).localTimeline(correlationId);
          }
        };
    HostInfo a = new HostInfo("instance-a", 1);
    HostInfo b = new HostInfo("instance-b", 2);
    List<KafkaStreams> streams = new ArrayList<>();
    try {
      for (HostInfo host : List.of(a, b)) {
        KafkaStreams instance =
            new KafkaStreams(
                AggregateTopology.buildTopology(
                    spec, List.of("events"), registry.codec(), output, new TopologyCounters()),
                streamsConfig("it-" + name, host));
        streams.add(instance);
        instances.put(
            host,
            new TopologyQueryService(
                new OneTopology(spec, instance),
                running -> new KafkaStreamsStores(running.streams()),
                Optional::empty,
                () -> Optional.of(host),
                inProcess,
                Clock.systemUTC()));
      }
      streams.forEach(KafkaStreams::start);
      TopologyQueryService queries = instances.get(a);
      Instant from = at.minus(1, ChronoUnit.HOURS);
      Instant to = at.plus(1, ChronoUnit.HOURS);

      await()
          .atMost(TIMEOUT)
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(new KafkaStreamsStores(streams.get(0)).hostsOf(AggregateTopology.STORE))
                    .as("both instances hold part of the windows")
                    .containsExactlyInAnyOrder(a, b);
                ArrayNode windows = queries.results(name, Optional.empty(), from, to).orElseThrow();
                Map<String, Long> counts = new HashMap<>();
                windows.forEach(
                    w ->
                        counts.put(
                            w.get("group").get("source.component").asText(),
                            w.get("count").asLong()));
                for (int i = 0; i < components.size(); i++) {
                  assertThat(counts).containsEntry(components.get(i), (long) i + 1);
                }
              });

      KafkaStreamsStores directory = new KafkaStreamsStores(streams.get(0));
      int remote = 0;
      for (int i = 0; i < components.size(); i++) {
        String component = components.get(i);
        ArrayNode windows =
            queries.results(name, Optional.of(List.of(component)), from, to).orElseThrow();
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).get("count").asLong()).isEqualTo(i + 1);
        if (directory
            .activeHostFor(AggregateTopology.STORE, "[\"" + component + "\"]")
            .orElseThrow()
            .equals(b)) {
          remote++;
        }
      }
      assertThat(remote).as("some groups live on the other instance").isPositive();
    } finally {
      streams.forEach(s -> s.close(CloseOptions.timeout(Duration.ofSeconds(10))));
      registry.stop();
    }
  }

  private static Properties streamsConfig(String applicationId, HostInfo host) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        dataDir.resolve("streams-" + host.host()).toAbsolutePath().toString());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, host.host() + ":" + host.port());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    return props;
  }

  /** One topology running here: what a topology manager would hand the query service. */
  private record OneTopology(TopologySpec spec, KafkaStreams streams)
      implements RunningTopologies, RunningTopologies.Running {
    @Override
    public Optional<Running> get(String name) {
      return name.equals(spec.name()) ? Optional.of(this) : Optional.empty();
    }

    @Override
    public Collection<Running> all() {
      return List.of(this);
    }
  }

  /** The partition Kafka's default partitioner picks for a String key. */
  private static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }
}
