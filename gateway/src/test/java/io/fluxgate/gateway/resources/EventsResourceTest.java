package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.eventErrors;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/events}: what is written to Kafka, what is answered, what is refused. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsResourceTest {

  private static final MockProducer<String, byte[]> PRODUCER = TestGateway.acknowledgingProducer();
  private static final TestRegistry REGISTRY = TestRegistry.started();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources().addResource(TestGateway.eventsResource(PRODUCER, REGISTRY)).build();

  @BeforeEach
  void resetProducer() {
    PRODUCER.clear();
  }

  private static Response publish(byte[] body) {
    return publish(body, JSON);
  }

  private static Response publish(byte[] body, String contentType) {
    return RESOURCES.target("/v1/events").request().post(Entity.entity(body, contentType));
  }

  private static ProducerRecord<String, byte[]> onlyRecord() {
    assertThat(PRODUCER.history()).hasSize(1);
    return PRODUCER.history().get(0);
  }

  private static String header(ProducerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  // --- accepted events ---

  @Test
  void shouldAnswer201WithWhereTheEventWasWritten() {
    Response response = publish(json("{'event_type': 'agent.execution.completed'}"));

    assertThat(response.getStatus()).isEqualTo(201);
    JsonNode body = body(response);
    assertThat(body.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder("id", "event_type", "topic", "partition", "offset", "timestamp");
    assertThat(UUID.fromString(body.get("id").asText())).isNotNull();
    assertThat(body.get("event_type").asText()).isEqualTo("agent.execution.completed");
    assertThat(body.get("topic").asText()).isEqualTo("events");
    assertThat(body.get("partition").isInt()).isTrue();
    assertThat(body.get("offset").isIntegralNumber()).isTrue();
    assertThat(body.get("offset").asLong()).isNotNegative();
  }

  @Test
  void shouldAnswerTimestampsAsRfc3339Strings() {
    JsonNode body =
        body(publish(json("{'event_type': 'a.b', 'timestamp': '2025-01-02T03:04:05.678Z'}")));
    JsonNode defaulted = body(publish(json("{'event_type': 'a.b'}")));

    assertThat(body.get("timestamp").isTextual()).as("timestamp of %s", body).isTrue();
    assertThat(body.get("timestamp").asText()).isEqualTo("2025-01-02T03:04:05.678Z");
    assertThat(defaulted.get("timestamp").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void shouldWriteExactlyOneRecordWithDefaultsFilled() {
    JsonNode body = body(publish(json("{'event_type': 'agent.started'}")));

    ProducerRecord<String, byte[]> record = onlyRecord();
    UniversalEvent event = REGISTRY.decode(record.value());
    assertThat(record.topic()).isEqualTo("events");
    assertThat(event.getId()).isEqualTo(body.get("id").asText());
    assertThat(event.getTimestamp()).isEqualTo(NOW);
    assertThat(event.getVersion()).isEqualTo("1.0");
    assertThat(event.getPriority()).isEqualTo(Priority.NORMAL);
    assertThat(header(record, PlatformTopics.EVENT_TYPE_HEADER)).isEqualTo("agent.started");
    assertThat(record.headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER)).isNull();
  }

  @Test
  void shouldKeepTheFieldsTheClientGave() {
    String id = "550e8400-e29b-41d4-a716-446655440000";
    publish(
        json(
            "{'id': '"
                + id
                + "', 'event_type': 'a.b', 'version': '2.1', 'priority': 'critical',"
                + " 'data': {'amount': 1.10}, 'metadata': {'region': 'eu'}}"));

    UniversalEvent event = REGISTRY.decode(onlyRecord().value());
    assertThat(event.getId()).isEqualTo(id);
    assertThat(event.getVersion()).isEqualTo("2.1");
    assertThat(event.getPriority()).isEqualTo(Priority.CRITICAL);
    assertThat(event.getMetadata()).containsEntry("region", "eu");
  }

  @Test
  void shouldRouteByTheFirstMatchingCatalogRule() {
    JsonNode body = body(publish(json("{'event_type': 'payment.card.processed'}")));

    assertThat(body.get("topic").asText()).isEqualTo("payments");
    assertThat(onlyRecord().topic()).isEqualTo("payments");
  }

  @Test
  void shouldKeyByCorrelationIdBeforeInstanceId() {
    publish(
        json(
            "{'event_type': 'a.b', 'source': {'instance_id': 'agent-1', 'correlation_id':"
                + " 'req-1'}}"));

    assertThat(onlyRecord().key()).isEqualTo("req-1");
    assertThat(header(onlyRecord(), PlatformTopics.CORRELATION_ID_HEADER)).isEqualTo("req-1");
  }

  @Test
  void shouldKeyByTopLevelCorrelationIdAlias() {
    publish(json("{'event_type': 'a.b', 'correlation_id': 'req-2'}"));

    assertThat(onlyRecord().key()).isEqualTo("req-2");
    assertThat(header(onlyRecord(), PlatformTopics.CORRELATION_ID_HEADER)).isEqualTo("req-2");
  }

  @Test
  void shouldKeyByInstanceIdWithoutCorrelationId() {
    publish(json("{'event_type': 'a.b', 'source': {'instance_id': 'agent-1'}}"));

    assertThat(onlyRecord().key()).isEqualTo("agent-1");
    assertThat(onlyRecord().headers().lastHeader(PlatformTopics.CORRELATION_ID_HEADER))
        .as("no correlation id, no header")
        .isNull();
  }

  @Test
  void shouldKeyByEventIdWithoutSource() {
    JsonNode body = body(publish(json("{'event_type': 'a.b'}")));

    assertThat(onlyRecord().key()).isEqualTo(body.get("id").asText());
  }

  @Test
  void shouldStampExpiryFromTimestampPlusTtl() {
    Instant timestamp = Instant.parse("2025-07-25T10:00:00Z");
    publish(json("{'event_type': 'a.b', 'timestamp': '" + timestamp + "', 'ttl_seconds': 60}"));

    byte[] expiresAt = onlyRecord().headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER).value();
    assertThat(ByteBuffer.wrap(expiresAt).getLong())
        .isEqualTo(timestamp.plusSeconds(60).toEpochMilli());
  }

  @Test
  void shouldNeverExpireAnEventWithAHugeTtl() {
    publish(json("{'event_type': 'a.b', 'ttl_seconds': " + Long.MAX_VALUE + "}"));

    byte[] expiresAt = onlyRecord().headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER).value();
    assertThat(ByteBuffer.wrap(expiresAt).getLong()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void shouldAcceptAnEventTypeOf255Characters() {
    String eventType = "a".repeat(127) + "." + "b".repeat(127);

    Response response = publish(json("{'event_type': '" + eventType + "'}"));

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(header(onlyRecord(), PlatformTopics.EVENT_TYPE_HEADER)).isEqualTo(eventType);
  }

  @Test
  void shouldAcceptNestingOf64Levels() {
    // The event object is level 1, so data holds 63 nested arrays.
    Response response = publish(json("{'event_type': 'a.b', 'data': " + nestedArrays(63) + "}"));

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(PRODUCER.history()).hasSize(1);
  }

  // --- refused events: nothing is written ---

  @Test
  void shouldRefuseMalformedJsonWith400() {
    JsonNode body = assertError(publish(json("{'event_type': 'a.b',")), 400, "malformed_event");

    assertThat(eventErrors(body)).extracting(t -> t.toList().get(2)).containsOnly("malformed_json");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseInvalidUtf8With400() {
    byte[] body = json("{'event_type': 'a.b', 'data': 'xx'}");
    body[body.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII byte
    body[body.length - 3] = (byte) 0x28;

    JsonNode error = assertError(publish(body), 400, "malformed_event");

    assertThat(eventErrors(error)).containsExactly(tuple(0, "", "invalid_utf8"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnknownTopLevelFieldWith400() {
    JsonNode body = assertError(publish(json("{'evnet_type': 'a.b'}")), 400, "malformed_event");

    assertThat(eventErrors(body))
        .contains(tuple(0, "evnet_type", "unknown_field"), tuple(0, "event_type", "missing_field"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAValueOfTheWrongTypeWith400() {
    JsonNode body =
        assertError(
            publish(json("{'event_type': 'a.b', 'ttl_seconds': 'soon'}")), 400, "malformed_event");

    assertThat(eventErrors(body)).containsExactly(tuple(0, "ttl_seconds", "wrong_type"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAMissingEventTypeWith422() {
    JsonNode body = assertError(publish(json("{'data': {}}")), 422, "invalid_event");

    assertThat(eventErrors(body)).containsExactly(tuple(0, "event_type", "missing_field"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "agent.*",
        "agent.**",
        "agent.?",
        "agent.[ab]",
        "{agent,tool}.started",
        "agent..started",
        ".agent",
        "agent.",
        "agent started",
        ""
      })
  void shouldRefuseAnInvalidEventTypeWith422(String eventType) {
    JsonNode body =
        assertError(publish(json("{'event_type': '" + eventType + "'}")), 422, "invalid_event");

    assertThat(eventErrors(body)).containsExactly(tuple(0, "event_type", "invalid_value"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnEventTypeOf256CharactersWith422() {
    String eventType = "a".repeat(128) + "." + "b".repeat(127);

    JsonNode body =
        assertError(publish(json("{'event_type': '" + eventType + "'}")), 422, "invalid_event");

    assertThat(eventErrors(body)).containsExactly(tuple(0, "event_type", "invalid_value"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseNestingOf65LevelsWith422() {
    JsonNode body =
        assertError(
            publish(json("{'event_type': 'a.b', 'data': " + nestedArrays(64) + "}")),
            422,
            "invalid_event");

    assertThat(eventErrors(body)).extracting(t -> t.toList().get(2)).containsExactly("too_deep");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnEventOfMoreThan1MiBWith413() {
    String padding = "x".repeat(EventLimits.DEFAULT_MAX_EVENT_BYTES);

    Response response = publish(json("{'event_type': 'a.b', 'data': '" + padding + "'}"));

    assertError(response, 413, "too_large");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseABatchSentToTheSingleEventEndpoint() {
    JsonNode body = assertError(publish(json("[{'event_type': 'a.b'}]")), 400, "malformed_event");

    assertThat(eventErrors(body)).containsExactly(tuple(0, "", "wrong_type"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyBodyWith400() {
    assertError(publish(new byte[0]), 400, "malformed_event");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnsupportedContentTypeWith415() {
    Response response = publish(utf8("{\"event_type\": \"a.b\"}"), "text/plain");

    assertError(response, 415, "unsupported_media_type");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseNdjsonOnTheSingleEventEndpointWith415() {
    Response response = publish(utf8("{\"event_type\": \"a.b\"}"), TestGateway.NDJSON);

    assertError(response, 415, "unsupported_media_type");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldAcceptJsonWithACharsetParameter() {
    Response response = publish(json("{'event_type': 'a.b'}"), "application/json; charset=utf-8");

    assertThat(response.getStatus()).isEqualTo(201);
  }

  static String nestedArrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }
}
