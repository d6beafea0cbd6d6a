package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.core.EventRenderer;
import io.fluxgate.gateway.core.EventStreamService;
import io.fluxgate.gateway.core.TestRegistry;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream's request is checked, and the subscription looked up, before any Kafka read; every
 * refusal is a JSON error even though the stream itself is text/event-stream.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionStreamResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  // No bootstrap servers: opening a stream's consumer fails as with an unreachable Kafka.
  private static final EventStreamService STREAMS =
      new EventStreamService(
          Map.of(),
          new EventRenderer(TestRegistry.started().codec, TestGateway.CLOCK),
          REPOSITORY,
          Duration.ofSeconds(15),
          Duration.ofSeconds(1),
          4);
  // A real Jetty: the stream is an asynchronous response, which the in-memory container refuses.
  private static final DropwizardClientExtension SERVER =
      new DropwizardClientExtension(
          Stream.concat(
                  Stream.of(
                      new SubscriptionStreamResource(
                          TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                          STREAMS)),
                  GatewayApplication.errorMappers().stream())
              .toArray());
  private static final Client CLIENT = ClientBuilder.newClient();

  static {
    REPOSITORY.put(
        new Subscription("sub-1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW));
    REPOSITORY.put(
        new Subscription(
            "sub-manual",
            null,
            List.of("a.*"),
            StartPosition.LATEST,
            Map.of(),
            NOW,
            null,
            false,
            null,
            null,
            null,
            io.fluxgate.core.subscription.AckMode.MANUAL,
            1_000));
  }

  @Test
  void shouldSendAManualAckSubscriptionToTheLongPoll() {
    Response response = get("/v1/subscriptions/sub-manual/stream", null);

    JsonNode body = assertError(response, 409, "ack_mode_conflict");
    assertThat(body.get("message").asText()).contains("long poll");
  }

  @AfterEach
  void assertNothingReachedKafkaAndNoStreamIsLeftOpen() {
    assertThat(KAFKA.calls()).isEmpty();
    assertThat(STREAMS.openStreams()).isZero();
  }

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
    CLIENT.close();
  }

  private static WebTarget target(String path) {
    return CLIENT.target(SERVER.baseUri()).path(path);
  }

  private static Response get(String path, String lastEventId) {
    var request = target(path).request("text/event-stream");
    if (lastEventId != null) {
      request = request.header("Last-Event-ID", lastEventId);
    }
    return request.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0:1,", "0:1,0:2", "1:0,0:0", "0:-1", "MDox", "0:01"})
  void shouldRefuseALastEventIdThatIsNotAPosition(String lastEventId) {
    Response response = get("/v1/subscriptions/sub-1/stream", lastEventId);

    JsonNode body = assertError(response, 400, "invalid_last_event_id");
    assertThat(body.get("message").asText()).startsWith("Last-Event-ID ");
    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("Last-Event-ID");
  }

  @Test
  void shouldCheckTheLastEventIdBeforeLookingUpTheSubscription() {
    Response response = get("/v1/subscriptions/nope/stream", "garbage");

    assertError(response, 400, "invalid_last_event_id");
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    Response response = get("/v1/subscriptions/nope/stream", null);

    assertError(response, 404, "not_found");
  }

  @Test
  void shouldAnswer406ToAClientThatDoesNotAcceptAnEventStream() {
    Response response = target("/v1/subscriptions/sub-1/stream").request("application/json").get();

    assertError(response, 406, "not_acceptable");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaCannotServeTheStream() {
    Response response = get("/v1/subscriptions/sub-1/stream", null);

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void shouldTreatAnEmptyLastEventIdAsNone() {
    Response response = get("/v1/subscriptions/sub-1/stream", "");

    assertError(response, 503, "unavailable");
  }
}
