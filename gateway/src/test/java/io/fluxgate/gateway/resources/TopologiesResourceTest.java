package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.CLOCK;
import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topology.DeployedTopology;
import io.fluxgate.gateway.core.TopologyRepository;
import io.fluxgate.gateway.core.TopologyService;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/topologies}: deploys in JSON and YAML (created, replaced, unchanged), every problem of
 * a bad spec in one 400, 415 for other media types, 404 for unknown names, 503 when Kafka fails.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TopologiesResourceTest {
  private static final InMemoryTopologies REPOSITORY = new InMemoryTopologies();
  private static final Map<String, Long> END_OFFSETS = Map.of("events-0", 42L, "payments-1", 7L);
  private static volatile boolean offsetsFail;

  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new TopologiesResource(
                  new TopologyService(
                      REPOSITORY,
                      (name, generation) ->
                          JsonNodeFactory.instance.objectNode().put("state", "running:" + name),
                      () -> {
                        if (offsetsFail) {
                          throw new TopologyService.OffsetsUnavailableException(null);
                        }
                        return END_OFFSETS;
                      },
                      CLOCK)))
          .build();

  private static final String COUNTS_YAML =
      """
      name: counts
      kind: aggregate
      input: "a.*"
      window: {type: tumbling, size: 1m}
      aggregations: [{op: count}]
      output_event_type: a.counts
      """;

  private static final String LATENCY_JSON =
      """
      {"name": "latency", "kind": "correlate", "left": "r.started", "right": "r.completed",
       "within": "5m", "output_event_type": "r.latency"}
      """;

  @BeforeEach
  void reset() {
    REPOSITORY.clear();
    offsetsFail = false;
  }

  private static Response post(String contentType, String body) {
    return RESOURCES
        .target("/v1/topologies")
        .request()
        .post(Entity.entity(utf8(body), contentType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/yaml", "application/x-yaml", "text/yaml; charset=utf-8"})
  void shouldDeployAYamlSpecWith201AndItsCanonicalForm(String contentType) {
    Response response = post(contentType, COUNTS_YAML);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(response.getLocation().getPath()).isEqualTo("/v1/topologies/counts");
    JsonNode body = body(response);
    assertThat(body.get("deployment").asText()).isEqualTo("created");
    assertThat(body.get("name").asText()).isEqualTo("counts");
    assertThat(body.get("emit").asText()).as("defaults filled in").isEqualTo("final");
    assertThat(body.get("application_id").asText()).isEqualTo("fluxgate-topology-counts");
    assertThat(body.get("deployed_at").asText()).isEqualTo(NOW.toString());
    assertThat(body.get("status").get("state").asText()).isEqualTo("running:counts");
    DeployedTopology stored = REPOSITORY.get("counts").orElseThrow();
    assertThat(stored.startOffsets()).isEqualTo(END_OFFSETS);
    assertThat(body.get("generation").asText()).isEqualTo(stored.generation());
  }

  @Test
  void shouldAnswerUnchangedForTheSameSpecAndReplacedForAChangedOne() {
    assertThat(post(JSON, LATENCY_JSON).getStatus()).isEqualTo(201);
    DeployedTopology first = REPOSITORY.get("latency").orElseThrow();

    Response same = post(JSON, LATENCY_JSON.replace("\"5m\"", "\"300s\""));
    assertThat(same.getStatus()).isEqualTo(200);
    assertThat(body(same).get("deployment").asText()).isEqualTo("unchanged");
    assertThat(REPOSITORY.writes).as("no second write").isEqualTo(1);

    Response changed = post(JSON, LATENCY_JSON.replace("\"5m\"", "\"10m\""));
    assertThat(changed.getStatus()).isEqualTo(200);
    JsonNode body = body(changed);
    assertThat(body.get("deployment").asText()).isEqualTo("replaced");
    assertThat(body.get("within").asText()).isEqualTo("10m");
    assertThat(body.get("generation").asText()).isNotEqualTo(first.generation());
    assertThat(REPOSITORY.get("latency").orElseThrow().generation())
        .isEqualTo(body.get("generation").asText());
  }

  @Test
  void shouldListEveryProblemOfABadSpecIn400() {
    Response response =
        post(
            "application/yaml",
            """
            name: Bad Name
            kind: aggregate
            input: "a.*"
            window: {type: tumbling, size: 1 minute}
            aggregations: [{op: median, path: data.n}]
            output_event_type: a.counts
            """);

    JsonNode body = assertError(response, 400, "invalid_topology");
    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .contains("name", "window.size", "aggregations[0].op");
    assertThat(body.get("details"))
        .allSatisfy(d -> assertThat(d.get("message").asText()).isNotBlank());
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldRefuseMalformedJsonAndAnEmptyBodyWith400() {
    assertError(post(JSON, "{\"name\": "), 400, "invalid_topology");
    assertError(post(JSON, ""), 400, "invalid_topology");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldRefuseASpecOver64KibWith413() {
    String huge =
        LATENCY_JSON.replace(
            "\"r.latency\"", "\"r.latency\", \"x\": \"" + "y".repeat(70_000) + "\"");

    assertError(post(JSON, huge), 413, "too_large");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
  void shouldRefuseOtherMediaTypesWith415(String contentType) {
    assertError(post(contentType, LATENCY_JSON), 415, "unsupported_media_type");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldListGetAndDeleteTopologies() {
    post(JSON, LATENCY_JSON);
    post("application/yaml", COUNTS_YAML);

    JsonNode list = body(RESOURCES.target("/v1/topologies").request().get());
    assertThat(list).extracting(t -> t.get("name").asText()).containsExactly("counts", "latency");
    assertThat(list).allSatisfy(t -> assertThat(t.has("status")).isTrue());
    JsonNode one = body(RESOURCES.target("/v1/topologies/latency").request().get());
    assertThat(one.get("kind").asText()).isEqualTo("correlate");
    assertThat(one.get("status").get("state").asText()).isEqualTo("running:latency");

    Response deleted = RESOURCES.target("/v1/topologies/latency").request().delete();
    assertThat(deleted.getStatus()).isEqualTo(204);
    assertThat(REPOSITORY.get("latency")).isEmpty();
    assertError(RESOURCES.target("/v1/topologies/latency").request().get(), 404, "not_found");
  }

  @Test
  void shouldAnswer404ForUnknownNames() {
    assertError(RESOURCES.target("/v1/topologies/nope").request().get(), 404, "not_found");
    assertError(RESOURCES.target("/v1/topologies/nope").request().delete(), 404, "not_found");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheEndOffsetsCannotBeRead() {
    offsetsFail = true;

    Response response = post(JSON, LATENCY_JSON);

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldAnswer503WhenTheSpecOrItsDeletionCannotBeStored() {
    post(JSON, LATENCY_JSON);
    REPOSITORY.failWrites = true;

    Response deploy = post(JSON, LATENCY_JSON.replace("\"5m\"", "\"10m\""));
    assertError(deploy, 503, "unavailable");
    assertThat(deploy.getHeaderString("Retry-After")).isEqualTo("1");
    Response delete = RESOURCES.target("/v1/topologies/latency").request().delete();
    assertError(delete, 503, "unavailable");
    assertThat(REPOSITORY.get("latency").orElseThrow().spec().toString()).contains("PT5M");
  }

  /** Topologies in memory; writes can be made to fail like an unavailable Kafka. */
  static final class InMemoryTopologies implements TopologyRepository {
    private final Map<String, DeployedTopology> topologies = new ConcurrentHashMap<>();
    volatile boolean failWrites;
    volatile int writes;

    void clear() {
      topologies.clear();
      failWrites = false;
      writes = 0;
    }

    @Override
    public void put(DeployedTopology deployed) {
      checkWritable();
      writes++;
      topologies.put(deployed.name(), deployed);
    }

    @Override
    public void delete(String name) {
      checkWritable();
      topologies.remove(name);
    }

    private void checkWritable() {
      if (failWrites) {
        throw new CompactedTopic.WriteFailedException("Kafka is down", null);
      }
    }

    @Override
    public Optional<DeployedTopology> get(String name) {
      return Optional.ofNullable(topologies.get(name));
    }

    @Override
    public Collection<DeployedTopology> all() {
      return topologies.values().stream()
          .sorted(Comparator.comparing(DeployedTopology::name))
          .toList();
    }
  }
}
