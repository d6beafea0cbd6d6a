package io.fluxgate.gateway.registry;

import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V1;
import static io.fluxgate.gateway.registry.RegistryApi.assertRegistryError;
import static io.fluxgate.gateway.registry.RegistryApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad requests on registry paths answer Confluent's error body; the gateway's other paths keep
 * their own error shape.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RegistryRequestErrorsTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "errors-" + SUBJECTS.incrementAndGet();

  @Test
  void shouldAnswer400ForABodyThatIsNotJson() {
    assertRegistryError(register("{\"schema\": "), 400, 400);
    assertRegistryError(register("schema"), 400, 400);
  }

  @Test
  void shouldAnswer422ForJsonOfTheWrongShape() {
    assertRegistryError(register("[]"), 422, 422);
    assertRegistryError(register("{\"schema\": {\"type\": \"string\"}}"), 422, 422);
    assertRegistryError(register("{\"schema\": \"\\\"string\\\"\", \"references\": 5}"), 422, 422);
    assertRegistryError(register("null"), 422, 422);
  }

  @Test
  void shouldAnswer42201ForAnEmptyBodyOrAMissingSchema() {
    assertRegistryError(register(""), 422, 42201);
    assertRegistryError(register("{}"), 422, 42201);
    assertRegistryError(register("{\"schema\": null}"), 422, 42201);
  }

  @Test
  void shouldAnswer42201ForAReferenceWithoutVersion() {
    String body =
        "{\"schema\": \"\\\"string\\\"\","
            + " \"references\": [{\"name\": \"a\", \"subject\": \"b\"}]}";

    assertRegistryError(register(body), 422, 42201);
  }

  @Test
  void shouldIgnoreFieldsNewerClientsSend() {
    JsonNode body =
        RegistryApi.object()
            .put("schema", PAYMENT_V1)
            .put("schemaType", "AVRO")
            .put("somethingNew", true)
            .set("metadata", RegistryApi.object().set("properties", RegistryApi.object()));
    ((com.fasterxml.jackson.databind.node.ObjectNode) body)
        .set("ruleSet", RegistryApi.object().putArray("domainRules").addObject());

    assertThat(ok(register(body.toString())).path("id").asInt()).isPositive();
  }

  @Test
  void shouldAnswer413ForABodyLargerThanTheLimit() {
    String huge = "{\"schema\": \"" + "x".repeat(RegistryRequests.MAX_BODY_BYTES) + "\"}";

    assertRegistryError(register(huge), 413, 413);
  }

  @Test
  void shouldAnswerEveryHostileBodyWithA4xxInConfluentsShape() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    bodies.put("binary garbage", garbage);
    bodies.put("NUL bytes", new byte[] {0, 0, '{', '}'});
    bodies.put("10,000 nested arrays", utf8("[".repeat(10_000) + "]".repeat(10_000)));
    bodies.put("10,000 nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
    bodies.put("huge id", utf8("{\"schema\": \"\\\"int\\\"\", \"id\": 1e999999}"));
    bodies.put("long id", utf8("{\"schema\": \"\\\"int\\\"\", \"id\": 1" + "0".repeat(5000) + "}"));
    bodies.put("deeply nested schema", utf8("{\"schema\": \"" + "[".repeat(5000) + "\"}"));
    bodies.put("trailing tokens", utf8("{\"schema\": \"\\\"int\\\"\"} {}"));
    bodies.put("lone surrogate", utf8("{\"schema\": \"\\uD800\"}"));

    bodies.forEach(
        (name, body) -> {
          Response response =
              API.target("/subjects/" + subject + "/versions")
                  .request()
                  .post(Entity.entity(body, RegistryApi.V1));

          assertThat(response.getStatus()).as(name).isBetween(400, 499);
          JsonNode error = RegistryApi.body(response);
          assertThat(error.path("error_code").asInt()).as(name).isBetween(400, 42299);
        });
  }

  @Test
  void shouldAnswerUnknownRegistryPathsAndMethodsInConfluentsShape() {
    assertRegistryError(API.target("/subjects/a/versions/1/extra").request().get(), 404, 404);
    assertRegistryError(API.target("/subjects//versions").request().get(), 404, 404);
    Response wrongMethod = API.target("/schemas/types").request().delete();
    assertRegistryError(wrongMethod, 405, 405);
  }

  @Test
  void shouldAnswerTheRootWithAnEmptyObject() {
    assertThat(ok(API.target("/").request().get()).toString()).isEqualTo("{}");
  }

  @Test
  void shouldLeaveTheGatewaysOwnPathsInTheGatewaysErrorShape() {
    Response unknown = API.target("/v1/nothing").request().get();
    Response wrongMethod = API.target("/v1/ping").request().delete();

    assertThat(unknown.getStatus()).isEqualTo(404);
    assertThat(RegistryApi.body(unknown).path("error").asText()).isEqualTo("not_found");
    assertThat(wrongMethod.getStatus()).isEqualTo(405);
    assertThat(RegistryApi.body(wrongMethod).path("error").asText())
        .isEqualTo("method_not_allowed");
    assertThat(ok200(API.target("/v1/ping").request().get()).path("pong").asText())
        .isEqualTo("yes");
  }

  @Test
  void shouldAnswerARegistryFailureOnAGatewayPathInTheGatewaysShape() {
    Response response = API.target("/v1/ping/registry-failure").request().get();

    assertThat(response.getStatus()).isEqualTo(404);
    assertThat(response.getMediaType().toString()).isEqualTo("application/json");
    JsonNode body = RegistryApi.body(response);
    assertThat(body.path("error").asText()).isEqualTo("schema_registry_error");
    assertThat(body.path("message").asText()).contains("payment.processed");
    assertThat(body.path("details").get(0).path("error_code").asInt()).isEqualTo(40401);
  }

  private static JsonNode ok200(Response response) {
    assertThat(response.getStatus()).isEqualTo(200);
    return RegistryApi.body(response);
  }

  private Response register(String body) {
    return API.target("/subjects/" + subject + "/versions")
        .request()
        .post(Entity.entity(body, RegistryApi.V1));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
