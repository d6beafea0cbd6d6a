package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Long-poll parameters are checked, and the subscription looked up, before any Kafka read. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionEventsResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionEventsResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                  TestGateway.idleDelivery()))
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
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  @ParameterizedTest
  @CsvSource({
    "max_events, 0",
    "max_events, -1",
    "max_events, 1001",
    "max_events, abc",
    "max_events, 1.5",
    "max_events, 99999999999999999999",
    "timeout_ms, -1",
    "timeout_ms, 30001",
    "timeout_ms, 999999",
    "timeout_ms, 1s"
  })
  void shouldRefuseAnOutOfRangeParameterNamingIt(String parameter, String value) {
    Response response =
        RESOURCES
            .target("/v1/subscriptions/sub-1/events")
            .queryParam(parameter, value)
            .request()
            .get();

    JsonNode body = assertError(response, 400, "invalid_parameter");
    assertThat(body.get("message").asText()).contains(parameter);
    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo(parameter);
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    Response response =
        RESOURCES
            .target("/v1/subscriptions/nope/events")
            .queryParam("max_events", 10)
            .queryParam("timeout_ms", 0)
            .request()
            .get();

    assertError(response, 404, "not_found");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaCannotServeThePoll() {
    // The idle delivery has no bootstrap servers: opening the subscription's consumer fails.
    Response response =
        RESOURCES
            .target("/v1/subscriptions/sub-1/events")
            .queryParam("timeout_ms", 0)
            .request()
            .get();

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void shouldCheckParametersBeforeLookingUpTheSubscription() {
    Response response =
        RESOURCES
            .target("/v1/subscriptions/nope/events")
            .queryParam("max_events", 0)
            .request()
            .get();

    assertError(response, 400, "invalid_parameter");
  }
}
