package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionValidator;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v1/subscriptions}: invalid requests are refused before any Kafka call; lookups answer
 * from the repository.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionsResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionsResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER)))
          .build();

  private static final Subscription EXISTING =
      new Subscription(
          "sub-1", "errors", List.of("**.error"), StartPosition.EARLIEST, Map.of(), NOW);

  @BeforeEach
  void reset() {
    REPOSITORY.clear();
    KAFKA.reset();
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).as("Admin calls").isEmpty();
  }

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  private static Response create(byte[] body) {
    return RESOURCES.target("/v1/subscriptions").request().post(Entity.entity(body, JSON));
  }

  private static JsonNode assertInvalid(Response response) {
    JsonNode body = assertError(response, 400, "invalid_subscription");
    assertThat(REPOSITORY.all()).isEmpty();
    return body;
  }

  // --- refused requests ---

  @Test
  void shouldAnswer503AndKeepTheSubscriptionWhenItsDeletionCannotBeStored() {
    REPOSITORY.put(EXISTING);
    REPOSITORY.failWrites(true);

    Response response = RESOURCES.target("/v1/subscriptions/sub-1").request().delete();

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(REPOSITORY.get("sub-1")).contains(EXISTING);
  }

  @Test
  void shouldRefuseABodyThatIsNotJsonWith415() {
    Response response =
        RESOURCES
            .target("/v1/subscriptions")
            .request()
            .post(Entity.entity("patterns=agent.*", "application/x-www-form-urlencoded"));

    assertError(response, 415, "unsupported_media_type");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldRefuseAnInvalidPatternNamingItsFieldAndPosition() {
    JsonNode body = assertInvalid(create(json("{'patterns': ['agent.*', 'agent..started']}")));

    assertThat(body.get("details")).hasSize(1);
    JsonNode detail = body.get("details").get(0);
    assertThat(detail.get("field").asText()).isEqualTo("patterns[1]");
    assertThat(detail.get("pattern").asText()).isEqualTo("agent..started");
    assertThat(detail.get("position").asInt()).isEqualTo(6);
    assertThat(detail.get("message").asText()).isNotBlank();
  }

  @Test
  void shouldListEveryInvalidPattern() {
    JsonNode body = assertInvalid(create(json("{'patterns': ['a.[bc', 'ok.*', '{a,b', 'a.***']}")));

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText(), d -> d.get("pattern").asText())
        .containsExactly(
            tuple("patterns[0]", "a.[bc"),
            tuple("patterns[2]", "{a,b"),
            tuple("patterns[3]", "a.***"));
    assertThat(body.get("details")).allSatisfy(d -> assertThat(d.get("position").isInt()).isTrue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{'patterns': []}", "{'patterns': null}", "{'name': 'x'}"})
  void shouldRefuseMissingOrEmptyPatterns(String request) {
    JsonNode body = assertInvalid(create(json(request)));

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .containsExactly("patterns");
  }

  @Test
  void shouldRefuseANullPattern() {
    JsonNode body = assertInvalid(create(json("{'patterns': ['a.b', null]}")));

    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("patterns[1]");
  }

  @Test
  void shouldRefuseMoreThanTheMaximumNumberOfPatterns() {
    String patterns =
        String.join(",", Collections.nCopies(SubscriptionValidator.MAX_PATTERNS + 1, "\"a.b\""));

    JsonNode body = assertInvalid(create(utf8("{\"patterns\": [" + patterns + "]}")));

    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("patterns");
  }

  @Test
  void shouldRefuseANameThatIsTooLong() {
    String name = "n".repeat(SubscriptionValidator.MAX_NAME_LENGTH + 1);

    JsonNode body = assertInvalid(create(json("{'name': '" + name + "', 'patterns': ['a.*']}")));

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .containsExactly("name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"newest", "LATEST", "2025-07-25T10:30:45", "2999-07-25T10:30:45Z", ""})
  void shouldRefuseABadStart(String start) {
    JsonNode body = assertInvalid(create(json("{'patterns': ['a.*'], 'start': '" + start + "'}")));

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .containsExactly("start");
  }

  @Test
  void shouldListEveryProblemOfOneRequest() {
    String name = "n".repeat(SubscriptionValidator.MAX_NAME_LENGTH + 1);

    JsonNode body =
        assertInvalid(
            create(json("{'name': '" + name + "', 'patterns': ['a..b'], 'start': 'soon'}")));

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .containsExactly("patterns[0]", "name", "start");
  }

  @Test
  void shouldRefuseAnUnknownField() {
    JsonNode body =
        assertError(create(json("{'patterns': ['a.*'], 'patern': 'b.*'}")), 400, "unknown_field");

    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("patern");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{'patterns': ['a.*']", "{'patterns': 'a.*'}", "[]", "'a.*'", "{} {}", "null"})
  void shouldRefuseMalformedJson(String request) {
    assertError(create(json(request)), 400, "malformed_json");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyBody() {
    assertError(create(new byte[0]), 400, "malformed_json");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      quoteCharacter = '"',
      value = {
        "{'patterns': [42]};patterns[0]",
        "{'patterns': ['a.*', true]};patterns[1]",
        "{'patterns': ['a.*'], 'name': 1.5};name",
        "{'patterns': ['a.*'], 'start': 0};start",
        "{'patterns': {'a': 'b'}};patterns"
      })
  void shouldRefuseAValueOfTheWrongTypeNamingItsField(String request, String field) {
    JsonNode body = assertError(create(json(request)), 400, "malformed_json");

    assertThat(body.get("details")).extracting(d -> d.get("field").asText()).containsExactly(field);
    assertThat(REPOSITORY.all()).isEmpty();
  }

  // --- lookups ---

  @Test
  void shouldAnswer404InTheErrorShapeForAnUnknownSubscription() {
    Response response = RESOURCES.target("/v1/subscriptions/nope").request().get();

    JsonNode body = assertError(response, 404, "not_found");
    assertThat(body.get("message").asText()).contains("nope");
  }

  @Test
  void shouldAnswer404WhenDeletingAnUnknownSubscription() {
    assertError(RESOURCES.target("/v1/subscriptions/nope").request().delete(), 404, "not_found");
  }

  @Test
  void shouldAnswerAStoredSubscriptionWithRfc3339CreatedAt() {
    REPOSITORY.put(EXISTING);

    Response response = RESOURCES.target("/v1/subscriptions/sub-1").request().get();

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.get("id").asText()).isEqualTo("sub-1");
    assertThat(body.get("patterns")).extracting(JsonNode::asText).containsExactly("**.error");
    assertThat(body.get("start").asText()).isEqualTo("earliest");
    assertThat(body.get("created_at").isTextual()).as("created_at of %s", body).isTrue();
    assertThat(body.get("created_at").asText()).isEqualTo(NOW.toString());
    assertThat(body.get("topic").asText()).isEqualTo("fluxgate.sub.sub-1");
  }

  @Test
  void shouldListStoredSubscriptions() {
    REPOSITORY.put(EXISTING);

    JsonNode body = body(RESOURCES.target("/v1/subscriptions").request().get());

    assertThat(body).extracting(s -> s.get("id").asText()).containsExactly("sub-1");
  }

  @Test
  void shouldDeleteAStoredSubscription() {
    REPOSITORY.put(EXISTING);

    Response response = RESOURCES.target("/v1/subscriptions/sub-1").request().delete();

    assertThat(response.getStatus()).isEqualTo(204);
    assertThat(REPOSITORY.get("sub-1")).isEmpty();
  }
}
