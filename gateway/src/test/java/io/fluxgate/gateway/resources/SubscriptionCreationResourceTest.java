package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/subscriptions} of a valid request: its topic is created, then it is stored. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionCreationResourceTest {

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final TopicCreatingAdmin KAFKA = new TopicCreatingAdmin();
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

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  private static Response create(String singleQuotedJson) {
    return RESOURCES
        .target("/v1/subscriptions")
        .request()
        .post(Entity.entity(json(singleQuotedJson), JSON));
  }

  @Test
  void shouldAnswer201WithTheSpecItsTopicAndConsumerGroup() {
    Response response =
        create("{'name': 'errors', 'patterns': ['agent.*', '**.error'], 'start': 'earliest'}");

    assertThat(response.getStatus()).isEqualTo(201);
    JsonNode body = body(response);
    String id = body.get("id").asText();
    assertThat(body.get("name").asText()).isEqualTo("errors");
    assertThat(body.get("patterns"))
        .extracting(JsonNode::asText)
        .containsExactly("agent.*", "**.error");
    assertThat(body.get("start").asText()).isEqualTo("earliest");
    assertThat(body.get("created_at").asText()).isEqualTo(NOW.toString());
    assertThat(body.get("topic").asText()).isEqualTo("fluxgate.sub." + id);
    assertThat(body.get("consumer_group").asText()).isNotBlank();
    assertThat(response.getLocation().getPath()).isEqualTo("/v1/subscriptions/" + id);
    assertThat(KAFKA.created()).containsExactly("fluxgate.sub." + id);
    assertThat(KAFKA.leadersAwaited())
        .as("the 201 comes once every partition of the new topic has a leader")
        .extracting(org.apache.kafka.common.TopicPartition::topic)
        .containsOnly("fluxgate.sub." + id)
        .isNotEmpty();
    assertThat(REPOSITORY.get(id)).isPresent();
  }

  @Test
  void shouldStartAtLatestByDefault() {
    JsonNode body = body(create("{'patterns': ['a.b']}"));

    assertThat(body.get("start").asText()).isEqualTo("latest");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheTopicCannotBeCreated() {
    KAFKA.failWith(new TimeoutException("no broker answered"));

    Response response = create("{'patterns': ['a.b']}");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(REPOSITORY.all()).isEmpty();
  }

  @Test
  void shouldAnswer503AndRemoveTheNewTopicWhenTheSubscriptionCannotBeStored() {
    REPOSITORY.failWrites(true);

    Response response = create("{'patterns': ['a.b']}");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(REPOSITORY.all()).isEmpty();
    assertThat(KAFKA.created()).hasSize(1);
    assertThat(KAFKA.deleted()).as("no orphan topic").isEqualTo(KAFKA.created());
  }

  @Test
  void shouldAnswer503AndRemoveTheNewTopicWhenTheStartOffsetsCannotBeRead() {
    KAFKA.failDescribeWith(new TimeoutException("no broker answered"));

    Response response = create("{'patterns': ['a.b'], 'start': 'latest'}");

    assertError(response, 503, "unavailable");
    assertThat(REPOSITORY.all()).isEmpty();
    assertThat(KAFKA.deleted()).as("no orphan topic").isEqualTo(KAFKA.created());
  }
}
