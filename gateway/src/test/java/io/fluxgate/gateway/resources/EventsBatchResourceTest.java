package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NDJSON;
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
import io.fluxgate.gateway.core.TestRegistry;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/events/batch}: JSON arrays and NDJSON, all or nothing. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsBatchResourceTest {

  private static final MockProducer<String, byte[]> PRODUCER = TestGateway.acknowledgingProducer();
  private static final TestRegistry REGISTRY = TestRegistry.started();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources().addResource(TestGateway.eventsResource(PRODUCER, REGISTRY)).build();

  @BeforeEach
  void resetProducer() {
    PRODUCER.clear();
  }

  private static Response publishBatch(byte[] body, String contentType) {
    return RESOURCES.target("/v1/events/batch").request().post(Entity.entity(body, contentType));
  }

  private static List<String> writtenEventTypes() {
    List<String> types = new ArrayList<>();
    for (ProducerRecord<String, byte[]> record : PRODUCER.history()) {
      types.add(REGISTRY.decode(record.value()).getEventType());
    }
    return types;
  }

  /** A JSON array of {@code count} valid events. */
  private static byte[] arrayOf(int count) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"event_type\":\"load.e").append(i).append("\"}");
    }
    return utf8(sb.append(']').toString());
  }

  @Test
  void shouldWriteAJsonArrayInOrderAndListEachEvent() {
    Response response =
        publishBatch(
            json(
                "[{'event_type': 'agent.started'}, {'event_type': 'payment.done'},"
                    + " {'event_type': 'agent.stopped'}]"),
            JSON);

    assertThat(response.getStatus()).isEqualTo(201);
    JsonNode body = body(response);
    assertThat(body.get("count").asInt()).isEqualTo(3);
    assertThat(body.get("events"))
        .extracting(e -> e.get("event_type").asText(), e -> e.get("topic").asText())
        .containsExactly(
            tuple("agent.started", "events"),
            tuple("payment.done", "payments"),
            tuple("agent.stopped", "events"));
    assertThat(body.get("events"))
        .allSatisfy(e -> assertThat(e.get("timestamp").isTextual()).isTrue());
    assertThat(writtenEventTypes())
        .containsExactly("agent.started", "payment.done", "agent.stopped");
  }

  @Test
  void shouldWriteNdjsonSkippingBlankLines() {
    byte[] body = utf8("{\"event_type\": \"a.one\"}\n\n{\"event_type\": \"a.two\"}\r\n");

    Response response = publishBatch(body, NDJSON);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(body(response).get("count").asInt()).isEqualTo(2);
    assertThat(writtenEventTypes()).containsExactly("a.one", "a.two");
  }

  @Test
  void shouldRefuseNdjsonWithABadLineAndNameItsEventIndex() {
    byte[] body =
        utf8(
            "{\"event_type\": \"a.one\"}\n{\"event_type\": \"a..two\"}\n{\"event_type\": \"a\"}\n");

    JsonNode error = assertError(publishBatch(body, NDJSON), 422, "invalid_event");

    assertThat(eventErrors(error)).containsExactly(tuple(1, "event_type", "invalid_value"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseNdjsonWithAMalformedLineWith400() {
    byte[] body = utf8("{\"event_type\": \"a.one\"}\n{\"event_type\": \n{\"event_type\": \"a\"}\n");

    JsonNode error = assertError(publishBatch(body, NDJSON), 400, "malformed_event");

    assertThat(eventErrors(error)).extracting(t -> t.toList().get(0)).containsOnly(1);
    assertThat(eventErrors(error))
        .extracting(t -> t.toList().get(2))
        .containsOnly("malformed_json");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldListEveryBadIndexInOneResponseAndWriteNothing() {
    byte[] body =
        json(
            "[{'event_type': 'ok.one'},"
                + " {'event_type': 'bad..type'},"
                + " {'event_type': 'ok.two'},"
                + " {'data': {}},"
                + " {'event_type': 'ok.three', 'priority': 'asap'}]");

    JsonNode error = assertError(publishBatch(body, JSON), 422, "invalid_event");

    assertThat(eventErrors(error))
        .containsExactly(
            tuple(1, "event_type", "invalid_value"),
            tuple(3, "event_type", "missing_field"),
            tuple(4, "priority", "invalid_value"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyArray() {
    JsonNode error = assertError(publishBatch(json("[]"), JSON), 422, "invalid_event");

    assertThat(eventErrors(error)).containsExactly(tuple(0, "", "invalid_value"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnEmptyNdjsonBody() {
    assertError(publishBatch(utf8("\n \n"), NDJSON), 422, "invalid_event");
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnObjectWhereAnArrayIsExpected() {
    JsonNode error =
        assertError(publishBatch(json("{'event_type': 'a'}"), JSON), 400, "malformed_event");

    assertThat(eventErrors(error)).containsExactly(tuple(0, "", "wrong_type"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldAccept10000Events() {
    Response response = publishBatch(arrayOf(10_000), JSON);

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(body(response).get("count").asInt()).isEqualTo(10_000);
    assertThat(PRODUCER.history()).hasSize(10_000);
  }

  @Test
  void shouldRefuse10001EventsWith413() {
    JsonNode error = assertError(publishBatch(arrayOf(10_001), JSON), 413, "too_large");

    assertThat(eventErrors(error)).containsExactly(tuple(10_000, "", "too_large"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseABodyOfMoreThan10MiBWith413() {
    byte[] body = new byte[EventLimits.DEFAULT_MAX_BODY_BYTES + 1];
    Arrays.fill(body, (byte) ' ');
    body[0] = '[';
    body[body.length - 1] = ']';

    JsonNode tooLarge = assertError(publishBatch(body, JSON), 413, "too_large");
    assertThat(eventErrors(tooLarge)).containsExactly(tuple(0, "", "too_large"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseOneEventOfMoreThan1MiBInABatchWith413() {
    String padding = "x".repeat(EventLimits.DEFAULT_MAX_EVENT_BYTES);
    byte[] body = json("[{'event_type': 'a.b'}, {'event_type': 'a.b', 'data': '" + padding + "'}]");

    JsonNode error = assertError(publishBatch(body, JSON), 413, "too_large");

    assertThat(eventErrors(error)).containsExactly(tuple(1, "", "too_large"));
    assertThat(PRODUCER.history()).isEmpty();
  }

  @Test
  void shouldRefuseAnUnsupportedContentTypeWith415() {
    assertError(
        publishBatch(json("[{'event_type': 'a'}]"), "text/plain"), 415, "unsupported_media_type");
    assertThat(PRODUCER.history()).isEmpty();
  }
}
