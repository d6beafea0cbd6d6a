package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.EventRenderer;
import io.fluxgate.gateway.core.ManualDelivery;
import io.fluxgate.gateway.core.ack.LoopbackAckLog;
import jakarta.ws.rs.client.Entity;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Acks and nacks are checked, and their subscription looked up, before Kafka is asked anything. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionAckResourceTest {
  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionAckResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                  new ManualDelivery(
                      Map.of(), LoopbackAckLog.create(System::currentTimeMillis), renderer())))
          .build();
  private static final ResourceExtension DEAD_KAFKA =
      TestGateway.resources()
          .addResource(
              new SubscriptionAckResource(
                  TestGateway.subscriptionService(REPOSITORY, KAFKA.admin(), SCHEDULER),
                  new ManualDelivery(Map.of(), LoopbackAckLog.failing(), renderer())))
          .build();

  static {
    REPOSITORY.put(
        new Subscription("auto-1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW));
    REPOSITORY.put(
        new Subscription(
            "manual-1",
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
            AckMode.MANUAL,
            1_000));
  }

  private static EventRenderer renderer() {
    return new EventRenderer(null, TestGateway.CLOCK);
  }

  @AfterEach
  void assertNothingReachedKafka() {
    assertThat(KAFKA.calls()).isEmpty();
  }

  @AfterAll
  static void stop() {
    SCHEDULER.shutdownNow();
  }

  private static Response post(ResourceExtension resources, String path, String body) {
    return resources.target(path).request().post(Entity.entity(body, "application/json"));
  }

  @Test
  void shouldAnswerUnknownForIdsNothingLeased() {
    Response response =
        post(
            RESOURCES, "/v1/subscriptions/manual-1/ack", "{\"ack_ids\": [\"0-5-ab\", \"1-2-cd\"]}");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = response.readEntity(JsonNode.class);
    assertThat(body.get("acked").asInt()).isZero();
    assertThat(body.get("expired")).isEmpty();
    assertThat(body.get("unknown"))
        .extracting(JsonNode::asText)
        .containsExactly("0-5-ab", "1-2-cd");
  }

  @Test
  void shouldAnswerANackWithTheReleasedCount() {
    Response response =
        post(RESOURCES, "/v1/subscriptions/manual-1/nack", "{\"ack_ids\": [\"0-5-ab\"]}");

    assertThat(response.getStatus()).isEqualTo(200);
    JsonNode body = response.readEntity(JsonNode.class);
    assertThat(body.get("released").asInt()).isZero();
    assertThat(body.get("unknown")).extracting(JsonNode::asText).containsExactly("0-5-ab");
  }

  @Test
  void shouldListEveryMalformedAckId() {
    Response response =
        post(
            RESOURCES,
            "/v1/subscriptions/manual-1/ack",
            "{\"ack_ids\": [\"0-5-ab\", \"nope\", 42, null, \"1-2-XY\"]}");

    JsonNode error = assertError(response, 400, "invalid_ack_ids");
    assertThat(error.get("details"))
        .extracting(d -> d.get("index").asInt())
        .containsExactly(1, 2, 3, 4);
    assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("ack_ids[1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"ack_ids\": []}", "{\"ack_ids\": null}"})
  void shouldRefuseAnEmptyList(String body) {
    JsonNode error =
        assertError(
            post(RESOURCES, "/v1/subscriptions/manual-1/nack", body), 400, "invalid_ack_ids");

    assertThat(error.get("details").get(0).get("field").asText()).isEqualTo("ack_ids");
  }

  @Test
  void shouldRefuseMoreThanAThousandIds() {
    String ids = String.join(",", java.util.Collections.nCopies(1_001, "\"0-1-ab\""));

    assertError(
        post(RESOURCES, "/v1/subscriptions/manual-1/ack", "{\"ack_ids\": [" + ids + "]}"),
        400,
        "invalid_ack_ids");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "[", "{\"ack_ids\": \"0-1-ab\"}", "null"})
  void shouldRefuseAMalformedBody(String body) {
    assertError(post(RESOURCES, "/v1/subscriptions/manual-1/ack", body), 400, "malformed_json");
  }

  @Test
  void shouldRefuseAnUnknownField() {
    assertError(
        post(RESOURCES, "/v1/subscriptions/manual-1/ack", "{\"ack_ids\": [\"0-1-ab\"], \"x\": 1}"),
        400,
        "unknown_field");
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    assertError(
        post(RESOURCES, "/v1/subscriptions/nope/ack", "{\"ack_ids\": [\"0-1-ab\"]}"),
        404,
        "not_found");
  }

  @Test
  void shouldAnswer409ForASubscriptionThatAcknowledgesAutomatically() {
    JsonNode error =
        assertError(
            post(RESOURCES, "/v1/subscriptions/auto-1/nack", "{\"ack_ids\": [\"0-1-ab\"]}"),
            409,
            "ack_mode_conflict");

    assertThat(error.get("details").get(0).get("value").asText()).isEqualTo("auto");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaIsDown() {
    Response response =
        post(DEAD_KAFKA, "/v1/subscriptions/manual-1/ack", "{\"ack_ids\": [\"0-1-ab\"]}");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }
}
