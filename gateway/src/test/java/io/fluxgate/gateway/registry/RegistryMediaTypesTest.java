package io.fluxgate.gateway.registry;

import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V1;
import static io.fluxgate.gateway.registry.RegistryApi.assertRegistryError;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Content types Confluent clients send, and answers in the type their Accept header asks for. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RegistryMediaTypesTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "media-" + SUBJECTS.incrementAndGet();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/vnd.schemaregistry.v1+json",
        "application/vnd.schemaregistry+json",
        "application/json",
        "application/json; charset=utf-8",
        "application/octet-stream"
      })
  void shouldAcceptEveryRegistryContentType(String contentType) {
    String body = RegistryApi.object().put("schema", PAYMENT_V1).toString();

    Response response =
        API.target("/subjects/" + subject + "/versions")
            .request()
            .post(Entity.entity(body, contentType));

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(RegistryApi.body(response).path("id").asInt()).isPositive();
  }

  @Test
  void shouldRefuseOtherContentTypesWith415InConfluentsShape() {
    Response response =
        API.target("/subjects/" + subject + "/versions")
            .request()
            .post(Entity.entity("schema=x", "application/x-www-form-urlencoded"));

    assertRegistryError(response, 415, 415);
  }

  @ParameterizedTest
  @CsvSource({
    "*/*, application/vnd.schemaregistry.v1+json",
    "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry.v1+json",
    "application/vnd.schemaregistry+json, application/vnd.schemaregistry+json",
    "application/json, application/json",
    "'application/json;q=0.9, application/vnd.schemaregistry+json;q=0.5', application/json",
    "application/*, application/vnd.schemaregistry.v1+json"
  })
  void shouldAnswerInTheTypeTheClientAccepts(String accept, String expected) {
    Response response =
        API.target("/schemas/types").request().header(HttpHeaders.ACCEPT, accept).get();

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getMediaType().toString()).isEqualTo(expected);
  }

  @Test
  void shouldAnswerInTheV1TypeWithoutAcceptHeader() {
    Response response = API.target("/schemas/types").request().get();

    assertThat(response.getMediaType().toString()).isEqualTo(RegistryApi.V1);
  }

  @ParameterizedTest
  @CsvSource({
    "application/json, application/json",
    "application/vnd.schemaregistry+json, application/vnd.schemaregistry+json",
    "*/*, application/vnd.schemaregistry.v1+json"
  })
  void shouldAnswerErrorsInTheTypeTheClientAccepts(String accept, String expected) {
    Response response =
        API.target("/subjects/nobody/versions").request().header(HttpHeaders.ACCEPT, accept).get();

    assertThat(response.getMediaType().toString()).isEqualTo(expected);
    assertRegistryError(response, 404, 40401);
  }

  @Test
  void shouldAnswer406InConfluentsShapeForAnAcceptHeaderItCannotMeet() {
    Response response =
        API.target("/schemas/types").request().header(HttpHeaders.ACCEPT, "text/html").get();

    assertRegistryError(response, 406, 406);
  }
}
