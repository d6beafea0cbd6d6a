package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionSeeker;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A seek is checked, and its subscription looked up, before Kafka is asked anything. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionSeekResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  // Nothing listens on port 1: every Admin call fails within its short timeout.
  private static final Admin DEAD_BROKER =
      Admin.create(
          Map.of(
              "bootstrap.servers", "127.0.0.1:1",
              "default.api.timeout.ms", 500,
              "request.timeout.ms", 400,
              "reconnect.backoff.max.ms", 100));
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionSeekResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                  new SubscriptionSeeker(KAFKA.admin())))
          .build();
  private static final ResourceExtension DEAD_KAFKA =
      TestGateway.resources()
          .addResource(
              new SubscriptionSeekResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                  new SubscriptionSeeker(DEAD_BROKER)))
          .build();

  static {
    REPOSITORY.put(
        new Subscription("sub-1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW));
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).isEmpty();
  }

  @AfterAll
  static void stop() {
    SCHEDULER.shutdownNow();
    DEAD_BROKER.close();
  }

  private static Response seek(ResourceExtension resources, String id, String body) {
    return resources
        .target("/v1/subscriptions/" + id + "/seek")
        .request()
        .post(Entity.entity(body, "application/json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"to\": null}",
        "{\"to\": \"\"}",
        "{\"to\": \"first\"}",
        "{\"to\": \"EARLIEST\"}",
        "{\"to\": \"2025-13-01T00:00:00Z\"}",
        "{\"to\": \"2025-07-25T10:30:45\"}",
        "{\"to\": \"2025-07-25\"}"
      })
  void shouldRefuseABadTargetNamingTheField(String body) {
    JsonNode error = assertError(seek(RESOURCES, "sub-1", body), 400, "invalid_seek");

    assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("to");
  }

  @Test
  void shouldRefuseATargetThatIsNotAString() {
    JsonNode error = assertError(seek(RESOURCES, "sub-1", "{\"to\": [1]}"), 400, "malformed_json");

    assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("to");
  }

  @Test
  void shouldRefuseAnUnknownField() {
    assertError(seek(RESOURCES, "sub-1", "{\"to\": \"latest\", \"ot\": 1}"), 400, "unknown_field");
  }

  @Test
  void shouldRefuseAMissingBody() {
    assertError(seek(RESOURCES, "sub-1", ""), 400, "malformed_json");
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    assertError(seek(RESOURCES, "nope", "{\"to\": \"earliest\"}"), 404, "not_found");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAnswer() {
    Response response = seek(DEAD_KAFKA, "sub-1", "{\"to\": \"latest\"}");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }
}
