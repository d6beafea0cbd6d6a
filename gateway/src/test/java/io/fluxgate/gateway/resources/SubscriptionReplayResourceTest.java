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
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.gateway.core.replay.InMemoryReplayRepository;
import io.fluxgate.gateway.core.replay.ReplayService;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replay requests are checked, and their subscription looked up, before a job starts; accepted jobs
 * wait on a gate here, so they stay {@code running} for the whole test.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionReplayResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final CountDownLatch GATE = new CountDownLatch(1);
  private static final InMemoryReplayRepository REPLAYS = new InMemoryReplayRepository();
  private static final ReplayService SERVICE = service(64);
  private static final ReplayService FULL = service(1);
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionReplayResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER), SERVICE))
          .addResource(new ReplaysResource(SERVICE))
          .build();
  private static final ResourceExtension ONE_SLOT =
      TestGateway.resources()
          .addResource(
              new SubscriptionReplayResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER), FULL))
          .build();

  static {
    REPOSITORY.put(
        new Subscription("sub-1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW));
  }

  private static ReplayService service(int maxConcurrentReplays) {
    return new ReplayService(
        REPOSITORY,
        REPLAYS,
        SubscriptionReplayResourceTest::gatedConsumer,
        TestGateway::acknowledgingProducer,
        List.of("events"),
        TestRegistry.started().codec,
        TestGateway.CLOCK,
        maxConcurrentReplays);
  }

  private static Consumer<String, byte[]> gatedConsumer() {
    try {
      GATE.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new MockConsumer<>("earliest");
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).isEmpty();
    REPLAYS.unavailable = false;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    GATE.countDown();
    SERVICE.stop();
    FULL.stop();
    SCHEDULER.shutdownNow();
  }

  private static Response replay(ResourceExtension resources, String id, String body) {
    return resources
        .target("/v1/subscriptions/" + id + "/replay")
        .request()
        .post(Entity.entity(body, "application/json"));
  }

  @Test
  void shouldAcceptAReplayAndAnswerItsProgressByItsId() {
    Response accepted =
        replay(
            RESOURCES,
            "sub-1",
            "{\"from\": \"2025-07-25T09:00:00Z\", \"to\": \"2025-07-25T10:00:00+00:00\"}");

    assertThat(accepted.getStatus()).isEqualTo(202);
    JsonNode job = body(accepted);
    String id = job.get("replay_id").asText();
    assertThat(accepted.getLocation().getPath()).isEqualTo("/v1/replays/" + id);
    assertThat(job.get("subscription_id").asText()).isEqualTo("sub-1");
    assertThat(job.get("from").asText()).isEqualTo("2025-07-25T09:00:00Z");
    assertThat(job.get("to").asText()).isEqualTo("2025-07-25T10:00:00Z");
    assertThat(job.get("state").asText()).isEqualTo("running");
    assertThat(job.get("copied").asLong()).isZero();
    assertThat(job.get("scanned").asLong()).isZero();
    assertThat(job.get("partitions").isArray()).isTrue();
    assertThat(job.get("error").isNull()).isTrue();
    assertThat(job.get("created_at").asText()).isEqualTo(NOW.toString());

    Response progress = RESOURCES.target("/v1/replays/" + id).request().get();

    assertThat(progress.getStatus()).isEqualTo(200);
    assertThat(body(progress)).isEqualTo(job);
  }

  @Test
  void shouldReplayUpToNowWithoutToOrWithAFutureTo() {
    JsonNode withoutTo = body(replay(RESOURCES, "sub-1", "{\"from\": \"earliest\"}"));
    JsonNode future =
        body(
            replay(
                RESOURCES, "sub-1", "{\"from\": \"earliest\", \"to\": \"2999-01-01T00:00:00Z\"}"));

    assertThat(withoutTo.get("from").asText()).isEqualTo("earliest");
    assertThat(withoutTo.get("to").asText()).isEqualTo(NOW.toString());
    assertThat(future.get("to").asText()).isEqualTo(NOW.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|from",
        "{\"from\": null}|from",
        "{\"from\": \"latest\"}|from",
        "{\"from\": \"2025-07-25\"}|from",
        "{\"from\": \"earliest\", \"to\": \"earliest\"}|to",
        "{\"from\": \"earliest\", \"to\": \"2025-07-25T10:30:45\"}|to",
        "{\"from\": \"2025-07-25T10:00:00Z\", \"to\": \"2025-07-25T09:00:00Z\"}|from",
        "{\"from\": \"2025-07-25T11:00:00Z\"}|from"
      })
  void shouldRefuseABadRangeNamingTheField(String body, String field) {
    JsonNode error = assertError(replay(RESOURCES, "sub-1", body), 400, "invalid_replay");

    assertThat(fields(error)).containsExactly(field);
  }

  @Test
  void shouldListEveryBadField() {
    JsonNode error =
        assertError(
            replay(RESOURCES, "sub-1", "{\"from\": \"x\", \"to\": \"y\"}"), 400, "invalid_replay");

    assertThat(fields(error)).containsExactly("from", "to");
  }

  @Test
  void shouldRefuseAnUnknownFieldAndAMissingBody() {
    assertError(
        replay(RESOURCES, "sub-1", "{\"from\": \"earliest\", \"form\": 1}"), 400, "unknown_field");
    assertError(replay(RESOURCES, "sub-1", ""), 400, "malformed_json");
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscriptionOrReplay() {
    assertError(replay(RESOURCES, "nope", "{\"from\": \"earliest\"}"), 404, "not_found");
    assertError(RESOURCES.target("/v1/replays/nope").request().get(), 404, "not_found");
    assertError(RESOURCES.target("/v1/replays/nope").request().delete(), 404, "not_found");
  }

  @Test
  void shouldAnswer503WhenTheInstanceRunsAsManyReplaysAsItMay() {
    assertThat(replay(ONE_SLOT, "sub-1", "{\"from\": \"earliest\"}").getStatus()).isEqualTo(202);

    Response refused = replay(ONE_SLOT, "sub-1", "{\"from\": \"earliest\"}");

    assertError(refused, 503, "unavailable");
    assertThat(refused.getHeaderString("Retry-After")).isNotNull();
  }

  @Test
  void shouldAnswer503WhenTheJobCannotBeStored() {
    REPLAYS.unavailable = true;

    assertError(replay(RESOURCES, "sub-1", "{\"from\": \"earliest\"}"), 503, "unavailable");
  }

  @Test
  void shouldCancelARunningReplayOnceOnly() {
    String id =
        body(replay(RESOURCES, "sub-1", "{\"from\": \"earliest\"}")).get("replay_id").asText();

    Response cancelled = RESOURCES.target("/v1/replays/" + id).request().delete();

    assertThat(cancelled.getStatus()).isEqualTo(200);
    assertThat(body(cancelled).get("state").asText()).isEqualTo("cancelled");
    assertThat(body(RESOURCES.target("/v1/replays/" + id).request().get()).get("state").asText())
        .isEqualTo("cancelled");
    assertError(RESOURCES.target("/v1/replays/" + id).request().delete(), 409, "replay_finished");
  }

  private static List<String> fields(JsonNode error) {
    return StreamSupport.stream(error.get("details").spliterator(), false)
        .map(d -> d.get("field").asText())
        .toList();
  }
}
