package io.fluxgate.gateway.registry;

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
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /subjects}: list, lookup and delete. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubjectsResourceTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "subjects-" + SUBJECTS.incrementAndGet();

  @Test
  void shouldListLiveSubjectsAndSoftDeletedOnesOnlyWithDeleted() {
    register(subject + ".a", PAYMENT_V1);
    register(subject + ".b", PAYMENT_V1);
    ok(delete(subject + ".b"));

    assertThat(names(ok(get("/subjects?subjectPrefix=" + subject))))
        .containsExactly(subject + ".a");
    assertThat(names(ok(get("/subjects?deleted=true&subjectPrefix=" + subject))))
        .containsExactly(subject + ".a", subject + ".b");
    assertThat(names(ok(get("/subjects")))).contains(subject + ".a").doesNotContain(subject + ".b");
  }

  @Test
  void shouldListOnlyTheSoftDeletedSubjectsWithDeletedOnly() {
    register(subject + ".live", PAYMENT_V1);
    register(subject + ".partly", PAYMENT_V1);
    register(subject + ".partly", PAYMENT_V2);
    ok(delete(subject + ".partly/versions/1"));
    register(subject + ".gone", PAYMENT_V1);
    ok(delete(subject + ".gone"));

    assertThat(names(ok(get("/subjects?deletedOnly=true&subjectPrefix=" + subject))))
        .containsExactly(subject + ".gone");
    // deletedOnly wins over deleted, as in Confluent.
    assertThat(names(ok(get("/subjects?deleted=true&deletedOnly=true&subjectPrefix=" + subject))))
        .containsExactly(subject + ".gone");
  }

  @Test
  void shouldLookUpTheVersionHoldingASchema() {
    int id = ok(register(subject, PAYMENT_V1)).path("id").asInt();
    register(subject, PAYMENT_V2);

    JsonNode found = ok(lookup(subject, schema(PAYMENT_V1)));

    assertThat(found.path("subject").asText()).isEqualTo(subject);
    assertThat(found.path("version").asInt()).isEqualTo(1);
    assertThat(found.path("id").asInt()).isEqualTo(id);
    assertThat(found.path("schema").asText()).isEqualTo(PAYMENT_V1);
  }

  @Test
  void shouldLookUpASoftDeletedVersionOnlyWithDeleted() {
    register(subject, PAYMENT_V1);
    register(subject, PAYMENT_V2);
    ok(delete(subject + "/versions/1"));

    assertRegistryError(lookup(subject, schema(PAYMENT_V1)), 404, 40403);
    assertThat(ok(lookupDeleted(subject, schema(PAYMENT_V1))).path("version").asInt()).isEqualTo(1);
  }

  @Test
  void shouldAnswer40401And40403And42201ForLookupsThatFindNothing() {
    register(subject, PAYMENT_V1);

    assertRegistryError(lookup("nobody", schema(PAYMENT_V1)), 404, 40401);
    assertRegistryError(lookup(subject, schema(PAYMENT_V2)), 404, 40403);
    assertRegistryError(lookup(subject, schema("{\"type\":")), 422, 42201);
  }

  @Test
  void shouldSoftDeleteASubjectAnsweringItsVersions() {
    register(subject, PAYMENT_V1);
    register(subject, PAYMENT_V2);

    assertThat(ok(delete(subject)).toString()).isEqualTo("[1,2]");

    assertRegistryError(get("/subjects/" + subject + "/versions"), 404, 40401);
  }

  @Test
  void shouldAnswer40404And40405And40401ForSubjectDeletesOutOfOrder() {
    register(subject, PAYMENT_V1);

    assertRegistryError(delete(subject + "?permanent=true"), 404, 40405);
    ok(delete(subject));
    assertRegistryError(delete(subject), 404, 40404);
    assertThat(ok(delete(subject + "?permanent=true")).toString()).isEqualTo("[1]");
    assertRegistryError(delete(subject), 404, 40401);
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.asText()));
    return names;
  }

  private static Response register(String subject, String schema) {
    return API.target("/subjects/" + subject + "/versions").request().post(schema(schema));
  }

  private static Response lookup(String subject, Entity<String> body) {
    return API.target("/subjects/" + subject).request().post(body);
  }

  private static Response lookupDeleted(String subject, Entity<String> body) {
    return API.target("/subjects/" + subject).queryParam("deleted", true).request().post(body);
  }

  private static Response get(String pathAndQuery) {
    return RegistryApi.target(API, pathAndQuery).request().get();
  }

  private static Response delete(String path) {
    return RegistryApi.target(API, "/subjects/" + path).request().delete();
  }
}
