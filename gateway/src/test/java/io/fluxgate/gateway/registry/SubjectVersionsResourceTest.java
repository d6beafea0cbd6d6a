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
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /subjects/{subject}/versions}: register, list, get, raw schema, referencedby, delete. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubjectVersionsResourceTest {
  private static final AtomicInteger SUBJECTS = new AtomicInteger();
  private static final SchemaRegistryService REGISTRY =
      RegistryApi.startedRegistry(new InMemoryRegistryLog());
  private static final ResourceExtension API = RegistryApi.extension(REGISTRY);

  private final String subject = "versions-" + SUBJECTS.incrementAndGet();

  @Test
  void shouldRegisterAndAnswerTheId() {
    JsonNode body = ok(register(subject, PAYMENT_V1));

    assertThat(body.fieldNames()).toIterable().containsExactly("id");
    assertThat(body.path("id").asInt()).isPositive();
  }

  @Test
  void shouldAnswerTheSameIdForTheSameSchemaTwiceAndInASecondSubject() {
    int id = ok(register(subject, PAYMENT_V1)).path("id").asInt();

    assertThat(ok(register(subject, PAYMENT_V1)).path("id").asInt()).isEqualTo(id);
    assertThat(ok(register(subject + "-copy", PAYMENT_V1)).path("id").asInt()).isEqualTo(id);
    assertThat(ok(get(subject + "/versions")).toString()).isEqualTo("[1]");
  }

  @Test
  void shouldGiveDifferentSchemasDifferentIds() {
    int first = ok(register(subject, PAYMENT_V1)).path("id").asInt();
    int second = ok(register(subject, PAYMENT_V2)).path("id").asInt();

    assertThat(second).isNotEqualTo(first);
    assertThat(ok(get(subject + "/versions")).toString()).isEqualTo("[1,2]");
  }

  @Test
  void shouldAnswerAVersionInConfluentsShapeWithoutTypeOrReferencesForPlainAvro() {
    int id = ok(register(subject, PAYMENT_V1)).path("id").asInt();

    JsonNode version = ok(get(subject + "/versions/1"));

    assertThat(version.fieldNames())
        .toIterable()
        .containsExactly("subject", "version", "id", "schema");
    assertThat(version.path("subject").asText()).isEqualTo(subject);
    assertThat(version.path("version").asInt()).isEqualTo(1);
    assertThat(version.path("id").asInt()).isEqualTo(id);
    assertThat(version.path("schema").asText()).isEqualTo(PAYMENT_V1);
    assertThat(ok(get(subject + "/versions/latest"))).isEqualTo(version);
    assertThat(ok(get(subject + "/versions/-1"))).isEqualTo(version);
  }

  @Test
  void shouldAnswerTheRawSchemaText() {
    register(subject, PAYMENT_V1);

    Response response = get(subject + "/versions/latest/schema");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).isEqualTo(PAYMENT_V1);
  }

  @Test
  void shouldAnswer409WithTheReasonsForAnIncompatibleSchema() {
    register(subject, PAYMENT_V1);

    String message = assertRegistryError(register(subject, PAYMENT_BREAKING), 409, 409);

    assertThat(message).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("version 1");
  }

  @Test
  void shouldAnswer42201ForAnInvalidOrEmptySchema() {
    assertRegistryError(register(subject, "{\"type\":\"nope\"}"), 422, 42201);
    assertRegistryError(register(subject, ""), 422, 42201);
    assertRegistryError(post(subject + "/versions", RegistryApi.json("{}")), 422, 42201);
  }

  @Test
  void shouldRefuseDataContractsRatherThanDropTheirRules() {
    var withRules = RegistryApi.object().put("schema", PAYMENT_V1);
    withRules
        .putObject("ruleSet")
        .putArray("domainRules")
        .addObject()
        .put("name", "positive")
        .put("kind", "CONDITION")
        .put("type", "CEL")
        .put("expr", "message.amount > 0");
    var withMetadata = RegistryApi.object().put("schema", PAYMENT_V1);
    withMetadata.putObject("metadata").putObject("properties").put("owner", "payments");

    assertThat(
            assertRegistryError(
                post(subject + "/versions", RegistryApi.entity(withRules)), 422, 42201))
        .contains("data contracts are not supported");
    assertRegistryError(post(subject + "/versions", RegistryApi.entity(withMetadata)), 422, 42201);
    assertRegistryError(get(subject + "/versions"), 404, 40401);
  }

  @Test
  void shouldAcceptEmptyDataContractFieldsAsClientsSendThem() {
    var empty = RegistryApi.object().put("schema", PAYMENT_V1);
    empty.putNull("metadata");
    empty.putObject("ruleSet").putArray("domainRules");

    assertThat(ok(post(subject + "/versions", RegistryApi.entity(empty))).path("id").asInt())
        .isPositive();
  }

  @Test
  void shouldAnswer42201SayingOnlyAvroIsSupportedForJsonOrProtobuf() {
    for (String type : new String[] {"JSON", "PROTOBUF"}) {
      Entity<String> body =
          RegistryApi.entity(
              RegistryApi.object().put("schemaType", type).put("schema", "{\"type\":\"string\"}"));

      assertThat(assertRegistryError(post(subject + "/versions", body), 422, 42201))
          .contains("only AVRO");
    }
  }

  @Test
  void shouldAnswer40401And40402And42202ForVersionsThatAreNotThere() {
    register(subject, PAYMENT_V1);

    assertRegistryError(get("nobody/versions"), 404, 40401);
    assertRegistryError(get("nobody/versions/1"), 404, 40401);
    assertRegistryError(get(subject + "/versions/2"), 404, 40402);
    assertRegistryError(get(subject + "/versions/2/schema"), 404, 40402);
    assertRegistryError(get(subject + "/versions/0"), 422, 42202);
    assertRegistryError(get(subject + "/versions/newest"), 422, 42202);
  }

  @Test
  void shouldAnswer42208ForABlankSubject() {
    assertRegistryError(register("%20", PAYMENT_V1), 422, 42208);
  }

  @Test
  void shouldAnswer42205And42207ForIdsOutsideImportMode() {
    int id = ok(register(subject, PAYMENT_V1)).path("id").asInt();
    Entity<String> withOtherId =
        RegistryApi.entity(RegistryApi.object().put("schema", PAYMENT_V1).put("id", id + 100));
    Entity<String> newWithId =
        RegistryApi.entity(RegistryApi.object().put("schema", PAYMENT_V2).put("id", 999));

    assertRegistryError(post(subject + "/versions", withOtherId), 422, 42207);
    assertRegistryError(post(subject + "/versions", newWithId), 422, 42205);
  }

  @Test
  void shouldSoftDeleteAVersionAndShowItOnlyWithDeleted() {
    register(subject, PAYMENT_V1);
    register(subject, PAYMENT_V2);

    assertThat(ok(delete(subject + "/versions/1")).asInt()).isEqualTo(1);

    assertThat(ok(get(subject + "/versions")).toString()).isEqualTo("[2]");
    assertThat(ok(get(subject + "/versions?deleted=true")).toString()).isEqualTo("[1,2]");
    assertRegistryError(get(subject + "/versions/1"), 404, 40402);
    assertThat(ok(get(subject + "/versions/1?deleted=true")).path("version").asInt()).isEqualTo(1);
  }

  @Test
  void shouldListOnlyTheSoftDeletedVersionsWithDeletedOnly() {
    register(subject, PAYMENT_V1);
    register(subject, PAYMENT_V2);

    assertThat(ok(get(subject + "/versions?deletedOnly=true")).toString()).isEqualTo("[]");
    ok(delete(subject + "/versions/1"));
    assertThat(ok(get(subject + "/versions?deletedOnly=true")).toString()).isEqualTo("[1]");
    assertThat(ok(get(subject + "/versions?deleted=true&deletedOnly=true")).toString())
        .isEqualTo("[1]");
    ok(delete(subject));
    assertThat(ok(get(subject + "/versions?deletedOnly=true")).toString()).isEqualTo("[1,2]");
    ok(delete(subject + "?permanent=true"));
    assertRegistryError(get(subject + "/versions?deletedOnly=true"), 404, 40401);
  }

  @Test
  void shouldAnswer40406And40407ForDeletesOutOfOrder() {
    register(subject, PAYMENT_V1);
    register(subject, PAYMENT_V2);

    assertRegistryError(delete(subject + "/versions/1?permanent=true"), 404, 40407);
    ok(delete(subject + "/versions/1"));
    assertRegistryError(delete(subject + "/versions/1"), 404, 40406);
    assertThat(ok(delete(subject + "/versions/1?permanent=true")).asInt()).isEqualTo(1);
    assertThat(ok(get(subject + "/versions?deleted=true")).toString()).isEqualTo("[2]");
  }

  @Test
  void shouldNumberVersionsAfterSoftDeletesAndRestartAfterAPermanentSubjectDelete() {
    register(subject, PAYMENT_V1);
    ok(delete(subject + "/versions/1"));
    register(subject, PAYMENT_V2);
    assertThat(ok(get(subject + "/versions?deleted=true")).toString()).isEqualTo("[1,2]");

    ok(delete(subject));
    ok(delete(subject + "?permanent=true"));
    register(subject, PAYMENT_V2);

    assertThat(ok(get(subject + "/versions?deleted=true")).toString()).isEqualTo("[1]");
  }

  @Test
  void shouldAnswer40401And40402And42202ForDeletesOfNothing() {
    register(subject, PAYMENT_V1);

    assertRegistryError(delete("nobody/versions/1"), 404, 40401);
    assertRegistryError(delete(subject + "/versions/3"), 404, 40402);
    assertRegistryError(delete(subject + "/versions/x"), 422, 42202);
  }

  @Test
  void shouldRegisterWithReferencesAndListWhoReferencesAVersion() {
    String money = subject + "-money";
    register(money, RegistryApi.MONEY);

    int order =
        ok(post(subject + "/versions", RegistryApi.orderReferencingMoney(money)))
            .path("id")
            .asInt();

    JsonNode version = ok(get(subject + "/versions/1"));
    assertThat(version.path("references").toString())
        .isEqualTo("[{\"name\":\"com.acme.Money\",\"subject\":\"" + money + "\",\"version\":1}]");
    assertThat(ok(get(money + "/versions/1/referencedby")).toString()).isEqualTo("[" + order + "]");
    assertRegistryError(get("nobody/versions/1/referencedby"), 404, 40401);
    assertRegistryError(get(money + "/versions/2/referencedby"), 404, 40402);
  }

  @Test
  void shouldAnswer42201ForAReferenceToAVersionThatDoesNotExist() {
    assertThat(
            assertRegistryError(
                post(subject + "/versions", RegistryApi.orderReferencingMoney("no-money")),
                422,
                42201))
        .contains("does not exist");
  }

  @Test
  void shouldAnswer42206WhenDeletingAReferencedVersion() {
    String money = subject + "-money";
    register(money, RegistryApi.MONEY);
    ok(post(subject + "/versions", RegistryApi.orderReferencingMoney(money)));

    assertRegistryError(delete(money + "/versions/1"), 422, 42206);
    assertRegistryError(delete(money), 422, 42206);
  }

  private static Response register(String subject, String schema) {
    return post(subject + "/versions", schema(schema));
  }

  private static Response post(String path, Entity<String> body) {
    return API.target("/subjects/" + path).request().post(body);
  }

  private static Response get(String path) {
    return RegistryApi.target(API, "/subjects/" + path).request().get();
  }

  private static Response delete(String path) {
    return RegistryApi.target(API, "/subjects/" + path).request().delete();
  }
}
