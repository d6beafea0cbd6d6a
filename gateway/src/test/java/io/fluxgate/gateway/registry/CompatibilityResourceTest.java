package io.fluxgate.gateway.registry;

import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_BREAKING;
import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V1;
import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V2;
import static io.fluxgate.gateway.registry.RegistryApi.assertRegistryError;
import static io.fluxgate.gateway.registry.RegistryApi.ok;
import static io.fluxgate.gateway.registry.RegistryApi.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /compatibility/subjects/{subject}/versions[/{version}]}. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CompatibilityResourceTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "compat-" + SUBJECTS.incrementAndGet();

  @Test
  void shouldAnswerIsCompatibleTrueWithoutMessagesUnlessVerbose() {
    register(PAYMENT_V1);

    JsonNode plain = ok(check("/versions/latest", PAYMENT_V2));
    JsonNode verbose = ok(check("/versions/latest?verbose=true", PAYMENT_V2));

    assertThat(plain.toString()).isEqualTo("{\"is_compatible\":true}");
    assertThat(verbose.toString()).isEqualTo("{\"is_compatible\":true,\"messages\":[]}");
  }

  @Test
  void shouldAnswerIsCompatibleFalseWithTheReasonsWhenVerbose() {
    register(PAYMENT_V1);

    JsonNode plain = ok(check("/versions/1", PAYMENT_BREAKING));
    JsonNode verbose = ok(check("/versions/1?verbose=true", PAYMENT_BREAKING));

    assertThat(plain.toString()).isEqualTo("{\"is_compatible\":false}");
    assertThat(verbose.path("is_compatible").asBoolean()).isFalse();
    assertThat(verbose.path("messages").get(0).asText())
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("version 1");
  }

  @Test
  void shouldCheckAgainstAllVersionsAsARegistrationWould() {
    register(PAYMENT_V1);

    assertThat(ok(check("/versions", PAYMENT_V2)).path("is_compatible").asBoolean()).isTrue();
    assertThat(ok(check("/versions?verbose=true", PAYMENT_BREAKING)).path("messages").size())
        .isPositive();
  }

  @Test
  void shouldFindAnySchemaCompatibleWithTheLatestOfAnEmptySubject() {
    assertThat(ok(check("/versions/latest", PAYMENT_V1)).path("is_compatible").asBoolean())
        .isTrue();
  }

  @Test
  void shouldAnswerNotFoundAndInvalidErrors() {
    register(PAYMENT_V1);

    assertRegistryError(
        API.target("/compatibility/subjects/nobody/versions/1").request().post(schema(PAYMENT_V1)),
        404,
        40401);
    assertRegistryError(check("/versions/9", PAYMENT_V1), 404, 40402);
    assertRegistryError(check("/versions/first", PAYMENT_V1), 422, 42202);
    assertRegistryError(check("/versions/latest", "{"), 422, 42201);
  }

  private void register(String schemaText) {
    ok(API.target("/subjects/" + subject + "/versions").request().post(schema(schemaText)));
  }

  private Response check(String pathAndQuery, String schemaText) {
    return RegistryApi.target(API, "/compatibility/subjects/" + subject + pathAndQuery)
        .request()
        .post(schema(schemaText));
  }
}
