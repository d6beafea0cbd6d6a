package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.CLOCK;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.gateway.core.query.EventScanner;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Query parameters are checked before any consumer is opened; a dead broker is a 503. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventQueryResourceTest {
  private static final AtomicInteger CONSUMERS_OPENED = new AtomicInteger();
  private static final EventScanner SCANNER =
      new EventScanner(
          () -> {
            CONSUMERS_OPENED.incrementAndGet();
            // Nothing listens on port 1: the query runs out of its time budget at once.
            return new KafkaConsumer<>(
                Map.<String, Object>of(
                    "bootstrap.servers", "127.0.0.1:1",
                    "default.api.timeout.ms", 300,
                    "reconnect.backoff.max.ms", 100),
                new StringDeserializer(),
                new ByteArrayDeserializer());
          },
          List.of("events"),
          new EventJson(EventLimits.defaults(), CLOCK),
          TestRegistry.started().codec,
          CLOCK,
          1_000,
          Duration.ofMillis(300),
          2);
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(new EventQueryResource(SCANNER))
          .addResource(TestGateway.eventsResource(TestGateway.acknowledgingProducer()))
          .build();

  @AfterEach
  void reset() {
    CONSUMERS_OPENED.set(0);
  }

  private static Response query(String parameter, String value) {
    return RESOURCES.target("/v1/events").queryParam(parameter, value).request().get();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "from | yesterday",
        "from | 2025-07-25",
        "from | 2025-07-25T10:30:45",
        "to | 2025-07-25T25:00:00Z",
        "to | ''",
        "limit | 0",
        "limit | 1001",
        "limit | -5",
        "limit | ten",
        "limit | 1.5",
        "cursor | not-a-cursor!",
        "cursor | bnVsbA",
        "cursor | eyJldmVudHMiOnsiMCI6LTF9fQ",
        "cursor | W10"
      })
  void shouldRefuseABadParameterNamingIt(String parameter, String value) {
    JsonNode body = assertError(query(parameter, value), 400, "invalid_query");

    assertThat(body.get("details")).hasSize(1);
    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo(parameter);
    assertThat(CONSUMERS_OPENED).hasValue(0);
  }

  @Test
  void shouldRefuseABadGlobWithItsPosition() {
    JsonNode body = assertError(query("type", "agent.[ab"), 400, "invalid_query");

    JsonNode detail = body.get("details").get(0);
    assertThat(detail.get("field").asText()).isEqualTo("type");
    assertThat(detail.get("pattern").asText()).isEqualTo("agent.[ab");
    assertThat(detail.get("position").isInt()).isTrue();
    assertThat(CONSUMERS_OPENED).hasValue(0);
  }

  @Test
  void shouldRefuseAnInvalidFilterWithItsPositionBeforeReadingKafka() {
    JsonNode body = assertError(query("filter", "data.amount >= "), 400, "invalid_filter");

    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("filter");
    assertThat(body.get("details").get(0).get("position").isInt()).isTrue();
    assertThat(CONSUMERS_OPENED).hasValue(0);
  }

  @Test
  void shouldRefuseFromAfterTo() {
    Response response =
        RESOURCES
            .target("/v1/events")
            .queryParam("from", "2025-07-25T11:00:00Z")
            .queryParam("to", "2025-07-25T10:00:00+00:00")
            .request()
            .get();

    JsonNode body = assertError(response, 400, "invalid_query");
    assertThat(body.get("details").get(0).get("field").asText()).isEqualTo("from");
    assertThat(CONSUMERS_OPENED).hasValue(0);
  }

  @Test
  void shouldListEveryProblemAtOnce() {
    Response response =
        RESOURCES
            .target("/v1/events")
            .queryParam("type", "***")
            .queryParam("from", "x")
            .queryParam("limit", "0")
            .request()
            .get();

    JsonNode body = assertError(response, 400, "invalid_query");
    assertThat(body.get("details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("type", "from", "limit");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenKafkaDoesNotAnswer() {
    Response response = query("type", "agent.*");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(CONSUMERS_OPENED).hasValue(1);
  }

  @Test
  void shouldStillPublishOnTheSamePath() {
    Response response =
        RESOURCES
            .target("/v1/events")
            .request()
            .post(Entity.entity("{\"event_type\": \"agent.started\"}", "application/json"));

    assertThat(response.getStatus()).isEqualTo(201);
  }
}
