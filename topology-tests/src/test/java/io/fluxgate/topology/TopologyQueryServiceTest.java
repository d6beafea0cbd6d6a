package io.fluxgate.topology;

import static io.fluxgate.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import io.fluxgate.core.topology.TopologySpec;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.processor.query.StoreDirectory;
import io.fluxgate.processor.topology.AggregateTopology;
import io.fluxgate.processor.topology.RunningTopologies;
import io.fluxgate.processor.topology.TopologyCounters;
import io.fluxgate.processor.topology.TopologyQueryService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a query is answered: on this instance from its store (a TopologyTestDriver's here) when it
 * holds the key, on the instance Kafka Streams names otherwise, on every instance for all groups.
 */
class TopologyQueryServiceTest {
  private static final HostInfo SELF = new HostInfo("self", 8090);
  private static final HostInfo OTHER = new HostInfo("other", 8090);
  private static final Instant FAR = T0.plus(Duration.ofDays(1));
  private static final String AGGREGATE =
      """
      {name: status, kind: aggregate, input: "request.*", group_by: [source.component, data.status],
       window: {type: tumbling, size: 1m}, aggregations: [{op: count}],
       output_event_type: metrics.status}
      """;

  private final TopologyFixture fixture = new TopologyFixture();
  private final QueryFakes.FakeDirectory directory = new QueryFakes.FakeDirectory(SELF);
  private final QueryFakes.FakeRemote remote = new QueryFakes.FakeRemote();
  private final Map<String, TopologySpec> running = new HashMap<>();
  private final Map<String, StoreDirectory> timelines = new HashMap<>();
  private TopologyQueryService service;

  @BeforeEach
  void start() {
    AggregateSpec spec = (AggregateSpec) parse(AGGREGATE);
    running.put("status", spec);
    running.put(
        "joins",
        parse(
            """
            {name: joins, kind: correlate, left: "request.started", right: "request.completed",
             within: 1m, output_event_type: request.latency}
            """));
    fixture.start(
        AggregateTopology.buildTopology(
            spec,
            List.of(TopologyFixture.EVENTS),
            fixture.codec,
            fixture.output,
            new TopologyCounters()));
    directory.store = fixture.driver.getWindowStore(AggregateTopology.STORE);
    request(5, "api", 200);
    request(6, "api", 503);
    request(7, "db", "\"503\"");
    service =
        new TopologyQueryService(
            new FakeRunning(),
            r -> directory,
            () -> Optional.ofNullable(timelines.get("timelines")),
            () -> Optional.of(SELF),
            remote,
            Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private void request(int second, String component, Object status) {
    fixture.publish(
        "request.completed",
        T0.plusSeconds(second),
        "\"source\": {\"component\": \""
            + component
            + "\"}, \"data\": {\"status\": "
            + status
            + "}");
  }

  private static TopologySpec parse(String yaml) {
    return TopologySpecParser.parse(yaml.getBytes(StandardCharsets.UTF_8), true);
  }

  private static List<String> groups(ArrayNode windows) {
    List<String> groups = new ArrayList<>();
    windows.forEach(w -> groups.add(w.get("group").toString()));
    return groups;
  }

  @Test
  void shouldReadAGroupHeldHereFromTheLocalStore() {
    ArrayNode windows =
        service.results("status", Optional.of(List.of("api", "200")), T0, FAR).orElseThrow();

    assertThat(groups(windows))
        .containsExactly("{\"source.component\":\"api\",\"data.status\":200}");
    assertThat(windows.get(0).get("count").asLong()).isEqualTo(1);
    assertThat(remote.calls).isEmpty();
  }

  @Test
  void shouldMatchAValueByItsTextWhateverItsJsonType() {
    ArrayNode windows =
        service.results("status", Optional.of(List.of("db", "503")), T0, FAR).orElseThrow();

    assertThat(groups(windows))
        .as("the string \"503\" is found by 503 too")
        .containsExactly("{\"source.component\":\"db\",\"data.status\":\"503\"}");
  }

  @Test
  void shouldAskTheInstanceThatHoldsTheGroup() {
    directory.owners.put("[\"api\",\"200\"]", OTHER);
    directory.owners.put("[\"api\",200]", OTHER);
    remote.answer.addObject().put("window_start", T0.toString()).putObject("group").put("x", 1);

    ArrayNode windows =
        service.results("status", Optional.of(List.of("api", "200")), T0, FAR).orElseThrow();

    assertThat(remote.calls)
        .containsExactly("other:8090 status [[\"api\",\"200\"], [\"api\",200]] " + T0 + " " + FAR);
    assertThat(groups(windows)).containsExactly("{\"x\":1}");
  }

  @Test
  void shouldMergeAllGroupsOfEveryInstanceInOrder() {
    directory.hosts.add(SELF);
    directory.hosts.add(OTHER);
    remote
        .answer
        .addObject()
        .put("window_start", T0.toString())
        .putObject("group")
        .put("source.component", "aaa");
    remote
        .answer
        .addObject()
        .put("window_start", T0.minusSeconds(60).toString())
        .putObject("group")
        .put("source.component", "zzz");

    ArrayNode windows = service.results("status", Optional.empty(), T0, FAR).orElseThrow();

    assertThat(remote.calls).containsExactly("other:8090 status all " + T0 + " " + FAR);
    assertThat(groups(windows))
        .containsExactly(
            "{\"source.component\":\"zzz\"}",
            "{\"source.component\":\"aaa\"}",
            "{\"source.component\":\"api\",\"data.status\":200}",
            "{\"source.component\":\"api\",\"data.status\":503}",
            "{\"source.component\":\"db\",\"data.status\":\"503\"}");
  }

  @Test
  void shouldAnswerNothingForATopologyThatDoesNotRun() {
    assertThat(service.results("nope", Optional.empty(), T0, FAR)).isEmpty();
    assertThat(service.localResults("nope", Optional.empty(), T0, FAR)).isEmpty();
  }

  @Test
  void shouldRefuseResultsOfACorrelate() {
    assertThatThrownBy(() -> service.results("joins", Optional.empty(), T0, FAR))
        .isInstanceOfSatisfying(
            InvalidTopologyQueryException.class,
            e -> assertThat(e.error()).isEqualTo("not_an_aggregate"));
  }

  @Test
  void shouldRefuseAGroupWithTheWrongNumberOfValues() {
    assertThatThrownBy(() -> service.results("status", Optional.of(List.of("api")), T0, FAR))
        .isInstanceOfSatisfying(
            InvalidTopologyQueryException.class,
            e -> {
              assertThat(e.error()).isEqualTo("invalid_group");
              assertThat(e.getMessage()).contains("source.component", "data.status");
            });
  }

  @Test
  void shouldBeUnavailableWhileNoInstanceIsKnownToHoldTheState() {
    directory.unknown = true;

    assertThatThrownBy(() -> service.results("status", Optional.of(List.of("a", "b")), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class);
    assertThatThrownBy(() -> service.results("status", Optional.empty(), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class);
  }

  @Test
  void shouldBeUnavailableWhileTheLocalStoreIsNotQueryable() {
    directory.queryable = false;

    assertThatThrownBy(() -> service.results("status", Optional.of(List.of("a", "b")), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class)
        .hasMessageContaining("not queryable");
  }

  @Test
  void shouldPassOnTheUnavailabilityOfAnotherInstance() {
    directory.owners.put("[\"a\",\"b\"]", OTHER);
    remote.failure = new QueryUnavailableException("other:8090 did not answer", null);

    assertThatThrownBy(() -> service.results("status", Optional.of(List.of("a", "b")), T0, FAR))
        .isInstanceOf(QueryUnavailableException.class)
        .hasMessageContaining("did not answer");
  }

  @Test
  void shouldReadATimelineHereOrWhereItLives() {
    QueryFakes.FakeDirectory timelineDirectory = new QueryFakes.FakeDirectory(SELF);
    timelines.put("timelines", timelineDirectory);
    timelineDirectory.owners.put("req-2", OTHER);
    remote.answer.addObject().put("id", "remote");
    timelineDirectory.store = new QueryFakes.EmptyTimelineStore();

    assertThat(service.timeline("req-1")).isEmpty();
    assertThat(remote.calls).isEmpty();
    assertThat(service.timeline("req-2").get(0).get("id").asText()).isEqualTo("remote");
    assertThat(remote.calls).containsExactly("other:8090 timeline req-2");
  }

  @Test
  void shouldBeUnavailableWithoutTimelines() {
    assertThatThrownBy(() -> service.timeline("req-1"))
        .isInstanceOf(QueryUnavailableException.class)
        .hasMessageContaining("not running");
  }

  private final class FakeRunning implements RunningTopologies {
    @Override
    public Optional<Running> get(String name) {
      TopologySpec spec = running.get(name);
      return spec == null ? Optional.empty() : Optional.of(new QueryFakes.FakeTopology(spec));
    }

    @Override
    public Collection<Running> all() {
      return running.values().stream().<Running>map(QueryFakes.FakeTopology::new).toList();
    }
  }
}
