package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionService;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pause and resume: stored through the repository, idempotent, shown by {@code GET}; a long poll on
 * a paused subscription reads nothing from Kafka and answers {@code []} after its timeout.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionPauseResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final SubscriptionService SERVICE =
      TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER);
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(new SubscriptionsResource(SERVICE))
          .addResource(new SubscriptionEventsResource(SERVICE, TestGateway.idleDelivery()))
          .build();

  private static final Subscription RUNNING =
      new Subscription("sub-1", "s", List.of("a.*"), StartPosition.LATEST, Map.of(), NOW);

  @BeforeEach
  void reset() {
    REPOSITORY.clear();
    KAFKA.reset();
    REPOSITORY.put(RUNNING);
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).isEmpty();
  }

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  private static Response post(String id, String action) {
    return RESOURCES
        .target("/v1/subscriptions/" + id + "/" + action)
        .request()
        .post(Entity.json(""));
  }

  private static Response poll(long timeoutMs) {
    return RESOURCES
        .target("/v1/subscriptions/sub-1/events")
        .queryParam("timeout_ms", timeoutMs)
        .request()
        .get();
  }

  @Test
  void shouldPauseAndAnswerWithTheSubscription() {
    Response response = post("sub-1", "pause");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = body(response);
    assertThat(body.get("id").asText()).isEqualTo("sub-1");
    assertThat(body.get("paused").asBoolean()).isTrue();
    assertThat(REPOSITORY.get("sub-1")).contains(RUNNING.withPaused(true));
    JsonNode shown = body(RESOURCES.target("/v1/subscriptions/sub-1").request().get());
    assertThat(shown.get("paused").asBoolean()).isTrue();
  }

  @Test
  void shouldShowARunningSubscriptionAsNotPaused() {
    JsonNode shown = body(RESOURCES.target("/v1/subscriptions/sub-1").request().get());

    assertThat(shown.get("paused").isBoolean()).isTrue();
    assertThat(shown.get("paused").asBoolean()).isFalse();
  }

  @Test
  void shouldResumeAPausedSubscription() {
    REPOSITORY.put(RUNNING.withPaused(true));

    Response response = post("sub-1", "resume");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(body(response).get("paused").asBoolean()).isFalse();
    assertThat(REPOSITORY.get("sub-1")).contains(RUNNING);
  }

  @Test
  void shouldAnswer200WithoutAWriteWhenPausingAPausedSubscription() {
    post("sub-1", "pause");
    // A second write would fail: the answer shows that none was made.
    REPOSITORY.failWrites(true);

    Response response = post("sub-1", "pause");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(body(response).get("paused").asBoolean()).isTrue();
  }

  @Test
  void shouldAnswer200WithoutAWriteWhenResumingARunningSubscription() {
    REPOSITORY.failWrites(true);

    Response response = post("sub-1", "resume");

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(body(response).get("paused").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause", "resume"})
  void shouldAnswer404ForAnUnknownSubscription(String action) {
    JsonNode body = assertError(post("nope", action), 404, "not_found");

    assertThat(body.get("message").asText()).contains("nope");
  }

  @Test
  void shouldAnswer503AndStayRunningWhenThePauseCannotBeStored() {
    REPOSITORY.failWrites(true);

    Response response = post("sub-1", "pause");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(REPOSITORY.get("sub-1")).contains(RUNNING);
  }

  @Test
  void shouldAnswerAnEmptyArrayAfterTheTimeoutWithoutReadingWhilePaused() {
    REPOSITORY.put(RUNNING.withPaused(true));
    long started = System.nanoTime();

    Response response = poll(300);

    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // The idle delivery cannot open a consumer (it would be a 503): nothing was read.
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).isEqualTo("[]");
    assertThat(response.getHeaderString(SubscriptionEventsResource.PAUSED_HEADER))
        .isEqualTo("true");
    assertThat(tookMs).isGreaterThanOrEqualTo(300);
  }

  @Test
  void shouldAnswerAtOnceWhilePausedWithATimeoutOfZero() {
    REPOSITORY.put(RUNNING.withPaused(true));

    Response response = poll(0);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.readEntity(String.class)).isEqualTo("[]");
  }

  @Test
  void shouldReadAsSoonAsTheSubscriptionIsResumedDuringTheWait() {
    REPOSITORY.put(RUNNING.withPaused(true));
    SCHEDULER.schedule(() -> REPOSITORY.put(RUNNING), 200, TimeUnit.MILLISECONDS);
    long started = System.nanoTime();

    Response response = poll(10_000);

    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    // Resumed: delivery tries to read, and the idle delivery's missing Kafka answers 503.
    assertError(response, 503, "unavailable");
    assertThat(tookMs).isBetween(200L, 5_000L);
  }
}
