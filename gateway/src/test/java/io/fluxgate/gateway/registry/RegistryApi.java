package io.fluxgate.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/**
 * The registry API as the gateway serves it: the application's JSON setup and error mappers, the
 * registry's components, and one plain {@code /v1} resource to show other paths keep their shape.
 */
final class RegistryApi {
  static final String V1 = RegistryMediaTypes.V1_JSON;

  static final String PAYMENT_V1 =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
  static final String PAYMENT_V2 =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
          + "{\"name\":\"amount\",\"type\":\"long\",\"default\":0}]}";
  static final String PAYMENT_BREAKING =
      "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
          + "{\"name\":\"amount\",\"type\":\"long\"}]}";
  static final String MONEY =
      "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"cents\",\"type\":\"long\"}]}";
  static final String ORDER =
      "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"total\",\"type\":\"Money\"}]}";

  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  private RegistryApi() {}

  /** A started registry over its own in-memory log. */
  static SchemaRegistryService startedRegistry(InMemoryRegistryLog log) {
    SchemaRegistryService registry = new SchemaRegistryService(log);
    registry.start();
    return registry;
  }

  static ResourceExtension extension(SchemaRegistryService registry) {
    ObjectMapper mapper = Jackson.newObjectMapper();
    GatewayApplication.configureObjectMapper(mapper);
    ResourceExtension.Builder builder =
        ResourceExtension.builder().setMapper(mapper).setRegisterDefaultExceptionMappers(false);
    GatewayApplication.errorMappers().forEach(builder::addProvider);
    RegistryResources.jerseyComponents(registry).forEach(builder::addProvider);
    builder.addResource(new PingResource());
    return builder.build();
  }

  /** A target for {@code pathAndQuery}, e.g. {@code /subjects/a/versions?deleted=true}. */
  static WebTarget target(ResourceExtension api, String pathAndQuery) {
    String[] parts = pathAndQuery.split("\\?", 2);
    WebTarget target = api.target(parts[0]);
    if (parts.length > 1) {
      for (String parameter : parts[1].split("&")) {
        String[] nameValue = parameter.split("=", 2);
        target = target.queryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
      }
    }
    return target;
  }

  /** {@code {"schema": schema}} in the registry's media type. */
  static Entity<String> schema(String schema) {
    return entity(JSON.createObjectNode().put("schema", schema));
  }

  /** {@code {"schema": ORDER, "references": [Money from subject money version 1]}}. */
  static Entity<String> orderReferencingMoney(String moneySubject) {
    ObjectNode body = JSON.createObjectNode().put("schema", ORDER);
    body.putArray("references")
        .addObject()
        .put("name", "com.acme.Money")
        .put("subject", moneySubject)
        .put("version", 1);
    return entity(body);
  }

  static Entity<String> entity(JsonNode body) {
    return Entity.entity(body.toString(), V1);
  }

  /** JSON with single quotes for readability: 'a' becomes "a". */
  static Entity<String> json(String singleQuoted) {
    return Entity.entity(singleQuoted.replace('\'', '"'), V1);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static JsonNode body(Response response) {
    try {
      return JSON.readTree(response.readEntity(String.class));
    } catch (IOException e) {
      throw new AssertionError("the response body is not JSON", e);
    }
  }

  /** Asserts a 200 in the registry's default media type and returns the body. */
  static JsonNode ok(Response response) {
    assertThat(response.getStatus()).as("status of %s", response).isEqualTo(200);
    assertThat(response.getMediaType().isCompatible(MediaType.valueOf(V1))).isTrue();
    return body(response);
  }

  /**
   * Asserts Confluent's error body with this HTTP status and error code, and returns the message.
   */
  static String assertRegistryError(Response response, int status, int errorCode) {
    assertThat(response.getStatus()).as("status").isEqualTo(status);
    JsonNode body = body(response);
    assertThat(body.path("error_code").asInt()).as("error_code of %s", body).isEqualTo(errorCode);
    assertThat(body.path("message").isTextual()).as("message of %s", body).isTrue();
    assertThat(body.size()).as("members of %s", body).isEqualTo(2);
    return body.path("message").asText();
  }

  /** A gateway resource outside the registry. */
  @Path("/v1/ping")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class PingResource {
    @GET
    public Map<String, String> ping() {
      return Map.of("pong", "yes");
    }

    @GET
    @Path("/registry-failure")
    public Map<String, String> registryFailure() {
      throw SchemaRegistryException.subjectNotFound("payment.processed");
    }
  }
}
