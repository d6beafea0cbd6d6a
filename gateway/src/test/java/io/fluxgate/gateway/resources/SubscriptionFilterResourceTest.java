package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code filter} of {@code POST /v1/subscriptions}: an invalid CEL expression is refused with
 * its position before any Kafka call, and a stored filter is answered as written.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionFilterResourceTest {

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

  @BeforeEach
  void reset() {
    REPOSITORY.clear();
    KAFKA.reset();
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).as("Admin calls").isEmpty();
    assertThat(REPOSITORY.all()).as("stored subscriptions").isEmpty();
  }

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  private static Response create(String body) {
    return RESOURCES.target("/v1/subscriptions").request().post(Entity.entity(utf8(body), JSON));
  }

  private static JsonNode onlyDetail(JsonNode body) {
    assertThat(body.get("details")).hasSize(1);
    return body.get("details").get(0);
  }

  @Test
  void shouldRefuseASyntaxErrorWithItsPosition() {
    Response response =
        create("{\"patterns\": [\"order.*\"], \"filter\": \"data.amount >= && true\"}");

    JsonNode body = assertError(response, 400, "invalid_filter");
    JsonNode detail = onlyDetail(body);
    assertThat(detail.get("field").asText()).isEqualTo("filter");
    assertThat(detail.get("position").asInt()).isEqualTo(15);
    assertThat(detail.get("line").asInt()).isEqualTo(1);
    assertThat(detail.get("column").asInt()).isEqualTo(16);
    assertThat(detail.get("message").asText()).contains("&&");
    assertThat(body.get("message").asText()).contains("line 1, column 16");
  }

  @Test
  void shouldRefuseAFilterThatIsNotBoolean() {
    JsonNode body =
        assertError(
            create("{\"patterns\": [\"order.*\"], \"filter\": \"metadata.env\"}"),
            400,
            "invalid_filter");

    assertThat(onlyDetail(body).get("message").asText())
        .contains("expected type 'bool' but found 'string'");
  }

  @Test
  void shouldRefuseAnUnknownVariableAtItsPosition() {
    JsonNode detail =
        onlyDetail(
            assertError(
                create("{\"patterns\": [\"order.*\"], \"filter\": \"amount > 5\"}"),
                400,
                "invalid_filter"));

    assertThat(detail.get("position").asInt()).isZero();
    assertThat(detail.get("message").asText()).contains("undeclared reference to 'amount'");
  }

  @Test
  void shouldRefuseAFilterLongerThanTheCap() {
    String filter = "data.x == '" + "y".repeat(EventFilterCompiler.MAX_LENGTH) + "'";

    JsonNode detail =
        onlyDetail(
            assertError(
                create("{\"patterns\": [\"order.*\"], \"filter\": \"" + filter + "\"}"),
                400,
                "invalid_filter"));

    assertThat(detail.get("message").asText())
        .contains("at most " + EventFilterCompiler.MAX_LENGTH);
  }

  @Test
  void shouldRefuseAnEmptyFilter() {
    assertError(create("{\"patterns\": [\"order.*\"], \"filter\": \"\"}"), 400, "invalid_filter");
  }

  @Test
  void shouldRefuseAFilterThatIsNotAString() {
    JsonNode body =
        assertError(create("{\"patterns\": [\"a.*\"], \"filter\": 5}"), 400, "malformed_json");

    assertThat(onlyDetail(body).get("field").asText()).isEqualTo("filter");
  }

  @Test
  void shouldListABadFilterWithTheOtherProblemsOfTheRequest() {
    JsonNode body =
        assertError(
            create("{\"patterns\": [], \"filter\": \"data.x ==\"}"), 400, "invalid_subscription");

    assertThat(body.get("details"))
        .extracting(d -> d.get("field").asText())
        .containsExactly("patterns", "filter");
  }

  @Test
  void shouldAnswerAStoredFilterAsWritten() {
    String filter = "data.amount >= 100 && metadata.env == 'prod'";
    REPOSITORY.put(
        new Subscription(
            "sub-f", null, List.of("order.*"), StartPosition.LATEST, Map.of(), NOW, filter, false));

    JsonNode body = body(RESOURCES.target("/v1/subscriptions/sub-f").request().get());
    REPOSITORY.clear();

    assertThat(body.get("filter").asText()).isEqualTo(filter);
  }
}
