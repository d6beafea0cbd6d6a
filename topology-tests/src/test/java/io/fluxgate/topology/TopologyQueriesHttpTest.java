package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.HttpTopologyQueries;
import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.QueryHttpClient;
import io.fluxgate.core.topology.TopologyQueries;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import io.fluxgate.core.topology.TopologySpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.query.HttpRemoteQueries;
import io.fluxgate.processor.resources.InternalQueriesResource;
import io.fluxgate.processor.topology.AggregateTopology;
import io.fluxgate.processor.topology.RunningTopologies;
import io.fluxgate.processor.topology.TopologyCounters;
import io.fluxgate.processor.topology.TopologyQueryService;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The processors' internal query endpoints over real HTTP, through both clients: the gateway's
 * {@link HttpTopologyQueries} (routed queries) and the instances' {@link HttpRemoteQueries} (local
 * parts). Every answer, error included, comes back as what {@link TopologyQueries} promises.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TopologyQueriesHttpTest {
  private static final Instant FAR = T0.plus(Duration.ofDays(1));
  private static final TopologyFixture FIXTURE = new TopologyFixture();
  private static final QueryFakes.FakeDirectory DIRECTORY =
      new QueryFakes.FakeDirectory(HostInfo.unavailable());
  private static final QueryFakes.FakeDirectory TIMELINES =
      new QueryFakes.FakeDirectory(HostInfo.unavailable());
  private static final Map<String, TopologySpec> RUNNING =
      Map.of(
          "status",
          parse(
              """
              {name: status, kind: aggregate, input: "request.*", group_by: [source.component],
               window: {type: tumbling, size: 1m}, aggregations: [{op: count}],
               output_event_type: metrics.status}
              """),
          "joins",
          parse(
              """
              {name: joins, kind: correlate, left: "request.started",
               right: "request.completed", within: 1m, output_event_type: request.latency}
              """));
  private static final TopologyQueryService SERVICE =
      new TopologyQueryService(
          new RunningTopologies() {
            @Override
            public Optional<Running> get(String name) {
              return Optional.ofNullable(RUNNING.get(name)).map(QueryFakes.FakeTopology::new);
            }

            @Override
            public Collection<Running> all() {
              return RUNNING.values().stream().<Running>map(QueryFakes.FakeTopology::new).toList();
            }
          },
          r -> DIRECTORY,
          () -> Optional.of(TIMELINES),
          Optional::empty,
          new QueryFakes.FakeRemote(),
          Clock.fixed(T0, ZoneOffset.UTC));
  private static final DropwizardClientExtension PROCESSOR =
      new DropwizardClientExtension(new InternalQueriesResource(SERVICE));

  static {
    FIXTURE.start(
        AggregateTopology.buildTopology(
            (AggregateSpec) RUNNING.get("status"),
            List.of(TopologyFixture.EVENTS),
            FIXTURE.codec,
            FIXTURE.output,
            new TopologyCounters()));
    DIRECTORY.store = FIXTURE.driver.getWindowStore(AggregateTopology.STORE);
    TIMELINES.store = new QueryFakes.EmptyTimelineStore();
    for (String component : List.of("api", "api", "db")) {
      FIXTURE.publish(
          "request.completed", T0, "\"source\": {\"component\": \"" + component + "\"}");
    }
  }

  private final QueryHttpClient http = new QueryHttpClient(Duration.ofSeconds(5));
  private TopologyQueries gateway;
  private HttpRemoteQueries instances;
  private HostInfo processor;

  @BeforeEach
  void connect() {
    URI base = PROCESSOR.baseUri();
    gateway = new HttpTopologyQueries(base, http);
    instances = new HttpRemoteQueries(http, base.getPath());
    processor = new HostInfo(base.getHost(), base.getPort());
    DIRECTORY.unknown = false;
  }

  @AfterAll
  static void close() {
    FIXTURE.close();
  }

  private static TopologySpec parse(String yaml) {
    return TopologySpecParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
  }

  @Test
  void shouldReadResultsOfOneGroupAndOfAllGroups() {
    ArrayNode api = gateway.results("status", Optional.of(List.of("api")), T0, FAR).orElseThrow();
    ArrayNode all = gateway.results("status", Optional.empty(), T0, FAR).orElseThrow();

    assertThat(api).hasSize(1);
    assertThat(api.get(0).get("count").asLong()).isEqualTo(2);
    assertThat(all)
        .extracting(w -> w.get("group").get("source.component").asText())
        .containsExactly("api", "db");
  }

  @Test
  void shouldCarryTheWidestRangeIntact() {
    Instant latest = Instant.ofEpochMilli(Long.MAX_VALUE);

    assertThat(gateway.results("status", Optional.empty(), Instant.EPOCH, latest).orElseThrow())
        .hasSize(2);
    assertThat(instances.localResults(processor, "status", Optional.empty(), Instant.EPOCH, latest))
        .hasSize(2);
  }

  @Test
  void shouldKeepAGroupValueWithCommasAndSpacesIntact() {
    assertThat(gateway.results("status", Optional.of(List.of("a, b&c=d")), T0, FAR).orElseThrow())
        .isEmpty();
  }

  @Test
  void shouldAnswerNothingForATopologyThatDoesNotRun() {
    assertThat(gateway.results("nope", Optional.empty(), T0, FAR)).isEmpty();
  }

  @Test
  void shouldCarryTheReasonOfAQueryThatCannotBeAnswered() {
    assertThatThrownBy(() -> gateway.results("joins", Optional.empty(), T0, FAR))
        .isInstanceOfSatisfying(
            InvalidTopologyQueryException.class,
            e -> assertThat(e.error()).isEqualTo("not_an_aggregate"));
    assertThatThrownBy(() -> gateway.results("status", Optional.of(List.of("a", "b")), T0, FAR))
        .isInstanceOfSatisfying(
            InvalidTopologyQueryException.class,
            e -> assertThat(e.error()).isEqualTo("invalid_group"));
  }

  @Test
  void shouldBeUnavailableWhenTheProcessorIs() {
    DIRECTORY.unknown = true;

    assertThatThrownBy(() -> gateway.results("status", Optional.empty(), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class)
        .hasMessageContaining("503");
  }

  @Test
  void shouldBeUnavailableWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TopologyQueries nowhere =
        new HttpTopologyQueries(URI.create("http://127.0.0.1:" + closedPort), http);

    assertThatThrownBy(() -> nowhere.timeline("req-1"))
        .isInstanceOf(QueryUnavailableException.class);
    assertThatThrownBy(
            () -> instances.localTimeline(new HostInfo("127.0.0.1", closedPort), "req-1"))
        .isInstanceOf(QueryUnavailableException.class);
  }

  @Test
  void shouldReadATimeline() {
    assertThat(gateway.timeline("req-1")).isEmpty();
    assertThat(instances.localTimeline(processor, "req 1/2")).isEmpty();
  }

  @Test
  void shouldReadTheLocalPartOfAnotherInstanceByKey() {
    ArrayNode db =
        instances.localResults(processor, "status", Optional.of(List.of("[\"db\"]")), T0, FAR);
    ArrayNode all = instances.localResults(processor, "status", Optional.empty(), T0, FAR);

    assertThat(db)
        .extracting(w -> w.get("group").get("source.component").asText())
        .containsExactly("db");
    assertThat(all).hasSize(2);
  }

  @Test
  void shouldTakeAnInstanceThatDoesNotRunTheTopologyAsUnavailable() {
    assertThatThrownBy(() -> instances.localResults(processor, "nope", Optional.empty(), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class)
        .hasMessageContaining("rebalancing");
  }

  @Test
  void shouldRefuseMissingOrBadParametersAndSayWhenToRetry() throws Exception {
    assertThat(raw("internal/topologies/status/results?to=" + FAR))
        .isEqualTo("400 invalid_parameter null");
    assertThat(raw("internal/topologies/status/local-results?from=yesterday&to=" + FAR))
        .isEqualTo("400 invalid_parameter null");
    assertThat(raw("internal/correlations")).isEqualTo("400 invalid_parameter null");
    assertThat(raw("internal/correlations/local")).isEqualTo("400 invalid_parameter null");
    DIRECTORY.unknown = true;
    assertThat(raw("internal/topologies/status/results?from=" + T0 + "&to=" + FAR))
        .isEqualTo("503 unavailable 1");
  }

  /** Status, error code and Retry-After of a GET of the processor. */
  private static String raw(String pathAndQuery) throws Exception {
    java.net.http.HttpResponse<String> response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(PROCESSOR.baseUri() + "/" + pathAndQuery))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    String error =
        io.fluxgate.core.event.EventJson.mapper().readTree(response.body()).path("error").asText();
    return response.statusCode()
        + " "
        + error
        + " "
        + response.headers().firstValue("Retry-After").orElse(null);
  }
}
