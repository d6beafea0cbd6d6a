package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.CLOCK;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.topology.InvalidTopologyQueryException;
import io.fluxgate.core.topology.InvalidTopologyQueryException.Reason;
import io.fluxgate.core.topology.TopologyQueries;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /v1/topologies/{name}/results} and {@code GET /v1/correlations/{id}}: parameters are
 * parsed and checked before the processors are asked, and every answer of theirs maps to its
 * status.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TopologyQueryResourcesTest {
  private static final FakeQueries QUERIES = new FakeQueries();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(new TopologyResultsResource(QUERIES, CLOCK))
          .addResource(new CorrelationsResource(QUERIES))
          .build();

  @AfterEach
  void reset() {
    QUERIES.reset();
  }

  @Test
  void shouldAnswerTheWindowsOfAllGroupsFromEverythingKeptUntilNow() {
    ArrayNode windows = JsonNodeFactory.instance.arrayNode();
    windows.addObject().put("window_start", "2025-07-25T10:00:00Z").put("events", 3);
    QUERIES.results = () -> Optional.of(windows);

    Response response = get("/v1/topologies/errors-per-minute/results");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.path("topology").asText()).isEqualTo("errors-per-minute");
    assertThat(body.path("windows")).isEqualTo(windows);
    assertThat(QUERIES.name).isEqualTo("errors-per-minute");
    assertThat(QUERIES.group).isEmpty();
    assertThat(QUERIES.from).isEqualTo(Instant.EPOCH);
    assertThat(QUERIES.to).isEqualTo(NOW);
  }

  @Test
  void shouldPassTheGroupAndTheRange() {
    Response response =
        RESOURCES
            .target("/v1/topologies/t/results")
            .queryParam("group", "api\\,v2,eu")
            .queryParam("from", "2025-07-25T12:00:00+02:00")
            .queryParam("to", "2025-07-25T10:05:00Z")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(QUERIES.group).contains(List.of("api,v2", "eu"));
    assertThat(QUERIES.from).isEqualTo(Instant.parse("2025-07-25T10:00:00Z"));
    assertThat(QUERIES.to).isEqualTo(Instant.parse("2025-07-25T10:05:00Z"));
  }

  @Test
  void shouldKeepARangeBeyondWhatStoresHoldWithinIt() {
    Response response =
        RESOURCES
            .target("/v1/topologies/t/results")
            .queryParam("from", "0001-01-01T00:00:00Z")
            .queryParam("to", "+999999999-12-31T23:59:59Z")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(QUERIES.from).isEqualTo(Instant.EPOCH);
    assertThat(QUERIES.to).isEqualTo(Instant.ofEpochMilli(Long.MAX_VALUE));
  }

  @Test
  void shouldTakeTheGroupAsAJsonArray() {
    Response response =
        RESOURCES
            .target("/v1/topologies/t/results")
            .queryParam("group", "[\"api\", 503]")
            .request()
            .get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(QUERIES.group).contains(List.of("api", "503"));
  }

  @Test
  void shouldRefuseBadParametersListingEveryProblemWithoutAskingTheProcessors() {
    Response response =
        RESOURCES
            .target("/v1/topologies/t/results")
            .queryParam("group", "[\"api\"")
            .queryParam("from", "yesterday")
            .queryParam("to", "2025-13-01T00:00:00Z")
            .request()
            .get();

    JsonNode body = assertError(response, 400, "invalid_query");
    assertThat(body.path("details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("group", "from", "to");
    assertThat(QUERIES.name).isNull();
  }

  @Test
  void shouldRefuseAnEmptyRange() {
    Response response =
        RESOURCES
            .target("/v1/topologies/t/results")
            .queryParam("from", "2025-07-25T10:00:00Z")
            .queryParam("to", "2025-07-25T10:00:00Z")
            .request()
            .get();

    JsonNode body = assertError(response, 400, "invalid_query");
    assertThat(body.path("details").findValuesAsText("field")).containsExactly("from");
  }

  @Test
  void shouldAnswer404ForATopologyNoProcessorRuns() {
    QUERIES.results = Optional::empty;

    assertError(get("/v1/topologies/nope/results"), 404, "not_found");
  }

  @Test
  void shouldAnswer409ForACorrelate() {
    QUERIES.results =
        () -> {
          throw new InvalidTopologyQueryException(Reason.NOT_AN_AGGREGATE, "a correlate");
        };

    assertError(get("/v1/topologies/joins/results"), 409, "not_an_aggregate");
  }

  @Test
  void shouldAnswer400ForAGroupThatDoesNotFitGroupBy() {
    QUERIES.results =
        () -> {
          throw new InvalidTopologyQueryException(Reason.INVALID_GROUP, "2 paths, 1 value");
        };

    Response response =
        RESOURCES.target("/v1/topologies/t/results").queryParam("group", "api").request().get();

    assertError(response, 400, "invalid_group");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheStateIsUnreachable() {
    QUERIES.results =
        () -> {
          throw new TopologyQueries.QueryUnavailableException("rebalancing", null);
        };

    Response response = get("/v1/topologies/t/results");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void shouldAnswerATimelineInTimeOrderAsTheProcessorsGiveIt() {
    ArrayNode events = JsonNodeFactory.instance.arrayNode();
    events.addObject().put("id", "a");
    events.addObject().put("id", "b");
    QUERIES.timeline = () -> events;

    Response response = get("/v1/correlations/req-1");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.path("correlation_id").asText()).isEqualTo("req-1");
    assertThat(body.path("events")).isEqualTo(events);
    assertThat(QUERIES.name).isEqualTo("req-1");
  }

  @Test
  void shouldAnswerAnUnknownCorrelationWithNoEvents() {
    Response response = get("/v1/correlations/unknown");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(body(response).path("events").isEmpty()).isTrue();
  }

  @Test
  void shouldAnswer503ForATimelineThatIsUnreachable() {
    QUERIES.timeline =
        () -> {
          throw new TopologyQueries.QueryUnavailableException("moving", null);
        };

    Response response = get("/v1/correlations/req-1");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  private static Response get(String path) {
    return RESOURCES.target(path).request().get();
  }

  private static final class FakeQueries implements TopologyQueries {
    volatile Supplier<Optional<ArrayNode>> results;
    volatile Supplier<ArrayNode> timeline;
    volatile String name;
    volatile Optional<List<String>> group;
    volatile Instant from;
    volatile Instant to;

    FakeQueries() {
      reset();
    }

    void reset() {
      results = () -> Optional.of(JsonNodeFactory.instance.arrayNode());
      timeline = JsonNodeFactory.instance::arrayNode;
      name = null;
      group = null;
      from = null;
      to = null;
    }

    @Override
    public Optional<ArrayNode> results(
        String name, Optional<List<String>> group, Instant from, Instant to) {
      this.name = name;
      this.group = group;
      this.from = from;
      this.to = to;
      return results.get();
    }

    @Override
    public ArrayNode timeline(String correlationId) {
      this.name = correlationId;
      return timeline.get();
    }
  }
}
