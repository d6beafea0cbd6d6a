package io.fluxgate.gateway.registry;

import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_BREAKING;
import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V1;
import static io.fluxgate.gateway.registry.RegistryApi.PAYMENT_V2;
import static io.fluxgate.gateway.registry.RegistryApi.assertRegistryError;
import static io.fluxgate.gateway.registry.RegistryApi.json;
import static io.fluxgate.gateway.registry.RegistryApi.ok;
import static io.fluxgate.gateway.registry.RegistryApi.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /config} and {@code /mode}, global and per subject. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ConfigAndModeResourceTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "settings-" + SUBJECTS.incrementAndGet();

  @AfterEach
  void restoreGlobalSettings() {
    REGISTRY.setGlobalMode(io.fluxgate.schemas.registry.RegistryMode.READWRITE, true);
    REGISTRY.deleteGlobalCompatibility();
  }

  @Test
  void shouldRoundTripTheGlobalLevelInConfluentsShapes() {
    assertThat(ok(get("/config")).toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    assertThat(ok(put("/config", json("{'compatibility': 'full'}"))).toString())
        .isEqualTo("{\"compatibility\":\"FULL\"}");

    assertThat(ok(get("/config")).toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(ok(delete("/config")).toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
    assertThat(ok(get("/config")).toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
  }

  @Test
  void shouldRoundTripASubjectLevelAndFallBackToTheGlobalOneOnlyWhenAsked() {
    assertRegistryError(get("/config/" + subject), 404, 40408);
    assertThat(ok(get("/config/" + subject + "?defaultToGlobal=true")).toString())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    ok(put("/config/" + subject, json("{'compatibility': 'NONE'}")));

    assertThat(ok(get("/config/" + subject)).toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertThat(ok(delete("/config/" + subject)).toString())
        .isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
    assertRegistryError(delete("/config/" + subject), 404, 40408);
  }

  @Test
  void shouldApplyASubjectLevelToRegistrations() {
    register(PAYMENT_V1);
    ok(put("/config/" + subject, json("{'compatibilityLevel': 'NONE'}")));

    assertThat(ok(register(PAYMENT_BREAKING)).path("id").asInt()).isPositive();
  }

  @Test
  void shouldAnswer42203ForAnUnknownOrMissingLevel() {
    assertRegistryError(put("/config", json("{'compatibility': 'SIDEWAYS'}")), 422, 42203);
    assertRegistryError(put("/config/" + subject, json("{}")), 422, 42203);
    assertRegistryError(put("/config/" + subject, json("{'compatibilty': 'FULL'}")), 422, 42203);
    assertRegistryError(put("/config", Entity.entity("", RegistryApi.V1)), 422, 42203);
  }

  @Test
  void shouldAcceptANormalizeOnlyConfigLeavingTheLevelAlone() {
    ok(put("/config/" + subject, json("{'compatibility': 'FULL'}")));

    assertThat(ok(put("/config/" + subject, json("{'normalize': true}"))).toString())
        .isEqualTo("{\"compatibility\":\"FULL\",\"normalize\":true}");
    assertThat(ok(get("/config/" + subject)).toString())
        .isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
  }

  @Test
  void shouldRoundTripTheGlobalMode() {
    assertThat(ok(get("/mode")).toString()).isEqualTo("{\"mode\":\"READWRITE\"}");

    assertThat(ok(put("/mode", json("{'mode': 'READONLY'}"))).toString())
        .isEqualTo("{\"mode\":\"READONLY\"}");

    assertThat(ok(get("/mode")).toString()).isEqualTo("{\"mode\":\"READONLY\"}");
  }

  @Test
  void shouldAnswer42205ForRegistrationsAndDeletesInReadOnlyMode() {
    register(PAYMENT_V1);
    ok(put("/mode/" + subject, json("{'mode': 'READONLY'}")));

    assertThat(assertRegistryError(register(PAYMENT_V2), 422, 42205)).contains("read-only");
    assertRegistryError(
        API.target("/subjects/" + subject + "/versions/1").request().delete(), 422, 42205);
    assertThat(ok(API.target("/subjects/" + subject + "/versions/1").request().get()).size())
        .isPositive();
  }

  @Test
  void shouldRoundTripASubjectModeAndAnswer40409WhenItHasNone() {
    assertRegistryError(get("/mode/" + subject), 404, 40409);
    assertThat(ok(get("/mode/" + subject + "?defaultToGlobal=true")).toString())
        .isEqualTo("{\"mode\":\"READWRITE\"}");

    ok(put("/mode/" + subject, json("{'mode': 'READONLY'}")));

    assertThat(ok(get("/mode/" + subject)).toString()).isEqualTo("{\"mode\":\"READONLY\"}");
    assertThat(ok(delete("/mode/" + subject)).toString()).isEqualTo("{\"mode\":\"READONLY\"}");
    assertRegistryError(delete("/mode/" + subject), 404, 40409);
  }

  @Test
  void shouldAnswer42204ForAnUnknownOrMissingMode() {
    assertRegistryError(put("/mode", json("{'mode': 'WRITEONLY'}")), 422, 42204);
    assertRegistryError(put("/mode/" + subject, json("{}")), 422, 42204);
  }

  @Test
  void shouldSwitchANonEmptySubjectToImportOnlyWhenForcedAndThenImportWithIds() {
    register(PAYMENT_V1);

    assertRegistryError(put("/mode/" + subject, json("{'mode': 'IMPORT'}")), 422, 42205);
    ok(put("/mode/" + subject + "?force=true", json("{'mode': 'IMPORT'}")));

    Entity<String> imported =
        RegistryApi.entity(
            RegistryApi.object().put("schema", PAYMENT_BREAKING).put("id", 5000).put("version", 7));
    assertThat(ok(post("/subjects/" + subject + "/versions", imported)).path("id").asInt())
        .isEqualTo(5000);
    assertThat(ok(get("/subjects/" + subject + "/versions")).toString()).isEqualTo("[1,7]");
    assertThat(assertRegistryError(register(PAYMENT_V2), 422, 42205)).contains("id");
  }

  @Test
  void shouldSwitchTheWholeRegistryToImportOnlyWhenForcedOnceItHoldsSchemas() {
    register(PAYMENT_V1);

    assertRegistryError(put("/mode", json("{'mode': 'IMPORT'}")), 422, 42205);
    assertThat(ok(put("/mode?force=true", json("{'mode': 'IMPORT'}"))).toString())
        .isEqualTo("{\"mode\":\"IMPORT\"}");
  }

  private Response register(String schemaText) {
    return post("/subjects/" + subject + "/versions", schema(schemaText));
  }

  private static Response post(String path, Entity<String> body) {
    return RegistryApi.target(API, path).request().post(body);
  }

  private static Response put(String pathAndQuery, Entity<String> body) {
    return RegistryApi.target(API, pathAndQuery).request().put(body);
  }

  private static Response get(String pathAndQuery) {
    return RegistryApi.target(API, pathAndQuery).request().get();
  }

  private static Response delete(String pathAndQuery) {
    return RegistryApi.target(API, pathAndQuery).request().delete();
  }
}
