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
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /schemas}: by id, its subjects and versions, and the supported types. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SchemasResourceTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "schemas-" + SUBJECTS.incrementAndGet();

  @Test
  void shouldAnswerASchemaByIdWithoutTypeOrReferencesForPlainAvro() {
    int id = register(subject, PAYMENT_V1);

    JsonNode body = ok(get("/schemas/ids/" + id));

    assertThat(body.fieldNames()).toIterable().containsExactly("schema");
    assertThat(body.path("schema").asText()).isEqualTo(PAYMENT_V1);
    assertThat(ok(get("/schemas/ids/" + id + "?subject=" + subject))).isEqualTo(body);
  }

  @Test
  void shouldAnswerTheReferencesOfASchemaById() {
    register(subject + "-money", RegistryApi.MONEY);
    int id =
        ok(API.target("/subjects/" + subject + "/versions")
                .request()
                .post(RegistryApi.orderReferencingMoney(subject + "-money")))
            .path("id")
            .asInt();

    JsonNode body = ok(get("/schemas/ids/" + id));

    assertThat(body.path("references").get(0).path("subject").asText())
        .isEqualTo(subject + "-money");
  }

  @Test
  void shouldAnswerTheRawSchemaById() {
    int id = register(subject, PAYMENT_V1);

    Response response = get("/schemas/ids/" + id + "/schema");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).isEqualTo(PAYMENT_V1);
  }

  @Test
  void shouldAnswerTheSubjectsAndVersionsHoldingAnId() {
    int id = register(subject + ".a", PAYMENT_V1);
    register(subject + ".b", PAYMENT_V1);
    API.target("/subjects/" + subject + ".b").request().delete();

    assertThat(ok(get("/schemas/ids/" + id + "/subjects")).toString())
        .isEqualTo("[\"" + subject + ".a\"]");
    assertThat(ok(get("/schemas/ids/" + id + "/subjects?deleted=true")).toString())
        .isEqualTo("[\"" + subject + ".a\",\"" + subject + ".b\"]");
    assertThat(ok(get("/schemas/ids/" + id + "/versions")).toString())
        .isEqualTo("[{\"subject\":\"" + subject + ".a\",\"version\":1}]");
  }

  @Test
  void shouldListEverySchemaVersionOrOnlyTheLatestOfEachSubject() {
    // Its own record name, so that no other test's subject shares these ids.
    int first = register(subject + ".list", PAYMENT_V1.replace("Payment", "Listed"));
    int second = register(subject + ".list", PAYMENT_V2.replace("Payment", "Listed"));

    JsonNode all = ok(get("/schemas?subjectPrefix=" + subject + ".list"));
    JsonNode latest = ok(get("/schemas?latestOnly=true&subjectPrefix=" + subject + ".list"));

    assertThat(all).extracting(n -> n.path("id").asInt()).containsExactly(first, second);
    assertThat(all).extracting(n -> n.path("version").asInt()).containsExactly(1, 2);
    assertThat(all.get(0).path("subject").asText()).isEqualTo(subject + ".list");
    assertThat(latest).extracting(n -> n.path("id").asInt()).containsExactly(second);
  }

  @Test
  void shouldAnswerTheOneDefaultContext() {
    assertThat(ok(get("/contexts")).toString()).isEqualTo("[\".\"]");
  }

  @Test
  void shouldAnswer40403ForAnUnknownId() {
    for (String path : new String[] {"", "/schema", "/subjects", "/versions"}) {
      assertRegistryError(get("/schemas/ids/987654" + path), 404, 40403);
    }
  }

  @Test
  void shouldAnswer404InConfluentsShapeForAnIdThatIsNotANumber() {
    assertRegistryError(get("/schemas/ids/abc"), 404, 404);
  }

  @Test
  void shouldSupportOnlyAvro() {
    assertThat(ok(get("/schemas/types")).toString()).isEqualTo("[\"AVRO\"]");
  }

  private static int register(String subject, String schemaText) {
    return ok(API.target("/subjects/" + subject + "/versions").request().post(schema(schemaText)))
        .path("id")
        .asInt();
  }

  private static Response get(String pathAndQuery) {
    return RegistryApi.target(API, pathAndQuery).request().get();
  }
}
