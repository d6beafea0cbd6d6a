package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.eventErrors;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventError;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.gateway.core.EventEncoder;
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.schemas.registry.CompatibilityLevel;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events whose type names a registered subject: {@code data} is validated against the latest
 * version and written in a typed envelope; everything else keeps the generic envelope.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TypedEventsResourceTest {
  private static final String PAYMENT_V1 =
      "{\"type\":\"record\",\"name\":\"PaymentProcessed\",\"namespace\":\"com.acme\",\"fields\":["
          + "{\"name\":\"amount\",\"type\":\"double\"},"
          + "{\"name\":\"currency\",\"type\":\"string\"},"
          + "{\"name\":\"card\",\"type\":{\"type\":\"record\",\"name\":\"Card\",\"fields\":["
          + "{\"name\":\"last4\",\"type\":\"string\"}]}}]}";
  private static final String PAYMENT_V2 =
      PAYMENT_V1.replace(
          "]}}]}", "]}},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

  private static final MockProducer<String, byte[]> PRODUCER = TestGateway.acknowledgingProducer();
  private static final TestRegistry REGISTRY = TestRegistry.started();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources().addResource(TestGateway.eventsResource(PRODUCER, REGISTRY)).build();

  static {
    REGISTRY.register("payment.processed", PAYMENT_V1);
  }

  @BeforeEach
  void resetProducer() {
    PRODUCER.clear();
  }

  private static Response publish(String path, byte[] body) {
    return RESOURCES.target(path).request().post(Entity.entity(body, JSON));
  }

  /** The {@code data} of a written record, as the long poll would answer it. */
  private static JsonNode writtenData(ProducerRecord<String, byte[]> record) {
    return new EventJson(EventLimits.defaults(), TestGateway.CLOCK)
        .toJson(REGISTRY.decode(record.value()))
        .get("data");
  }

  @Test
  void shouldWriteTypedDataInAnEnvelopeWhoseDataIsTheRegisteredSchema() {
    Response response =
        publish(
            "/v1/events",
            json(
                "{'event_type': 'payment.processed',"
                    + " 'data': {'amount': 12.5, 'currency': 'EUR', 'card': {'last4': '4242'}}}"));

    assertThat(response.getStatus()).isEqualTo(201);
    ProducerRecord<String, byte[]> record = PRODUCER.history().get(0);
    Schema writer = REGISTRY.registry.writerSchema(EventCodec.schemaId(record.value()));
    assertThat(EnvelopeSchemas.isGeneric(writer)).isFalse();
    assertThat(EnvelopeSchemas.dataSchema(writer).getFullName())
        .isEqualTo("com.acme.PaymentProcessed");
    assertThat(REGISTRY.registry.subjectsById(EventCodec.schemaId(record.value()), false).get(0))
        .isEqualTo(EventEncoder.typedEnvelopeSubject("payment.processed"));
    assertThat(writtenData(record).toString())
        .isEqualTo("{\"amount\":12.5,\"currency\":\"EUR\",\"card\":{\"last4\":\"4242\"}}");
  }

  @Test
  void shouldKeepTheGenericEnvelopeForTypesWithoutASchema() {
    publish("/v1/events", json("{'event_type': 'payment.refunded', 'data': {'anything': [1]}}"));

    byte[] value = PRODUCER.history().get(0).value();
    assertThat(
            EnvelopeSchemas.isGeneric(REGISTRY.registry.writerSchema(EventCodec.schemaId(value))))
        .isTrue();
    assertThat(REGISTRY.registry.subjectsById(EventCodec.schemaId(value), false))
        .containsExactly(EventEncoder.ENVELOPE_SUBJECT);
  }

  @Test
  void shouldRefuseDataThatDoesNotFitTheSchemaNamingPathExpectedAndFound() {
    Response response =
        publish(
            "/v1/events",
            json(
                "{'event_type': 'payment.processed',"
                    + " 'data': {'amount': 'twelve', 'currency': 'EUR', 'card': {}}}"));

    JsonNode body = assertError(response, 422, "invalid_event");
    assertThat(eventErrors(body))
        .containsExactlyInAnyOrder(
            tuple(0, "data.amount", EventError.SCHEMA_MISMATCH),
            tuple(0, "data.card.last4", EventError.MISSING_FIELD));
    assertThat(body.path("details").get(0).path("message").asText())
        .contains("expected double", "found string \"twelve\"");
    assertThat(PRODUCER.history()).as("nothing written").isEmpty();
  }

  @Test
  void shouldRefuseTheWholeBatchListingEveryBadIndex() {
    Response response =
        publish(
            "/v1/events/batch",
            json(
                "[{'event_type': 'other.thing'},"
                    + " {'event_type': 'payment.processed', 'data': {'amount': 1}},"
                    + " {'event_type': 'payment.processed',"
                    + "  'data': {'amount': 1, 'currency': 'EUR', 'card': {'last4': '1'}}},"
                    + " {'event_type': 'payment.processed', 'data': null}]"));

    JsonNode body = assertError(response, 422, "invalid_event");
    assertThat(eventErrors(body)).extracting(t -> t.toList().get(0)).containsOnly(1, 3);
    assertThat(PRODUCER.history()).as("nothing written").isEmpty();
  }

  @Test
  void shouldEncodeWithTheLatestVersionOnceTheSchemaEvolves() {
    TestRegistry registry = TestRegistry.started();
    MockProducer<String, byte[]> producer = TestGateway.acknowledgingProducer();
    ResourceExtension resources =
        TestGateway.resources().addResource(TestGateway.eventsResource(producer, registry)).build();
    registry.register("payment.processed", PAYMENT_V1);
    byte[] v1Shape =
        json(
            "{'event_type': 'payment.processed',"
                + " 'data': {'amount': 1, 'currency': 'EUR', 'card': {'last4': '1'}}}");
    byte[] v2Shape =
        json(
            "{'event_type': 'payment.processed',"
                + " 'data': {'amount': 2, 'currency': 'EUR', 'card': {'last4': '1'},"
                + " 'note': 'gift'}}");
    ResourceExtensionCalls calls = new ResourceExtensionCalls(resources);
    try {
      calls.start();
      assertThat(calls.publish(v1Shape)).isEqualTo(201);
      assertThat(calls.publish(v2Shape)).as("v1 does not know 'note'").isEqualTo(422);
      registry.register("payment.processed", PAYMENT_V2);
      assertThat(calls.publish(v1Shape)).as("the default fills 'note'").isEqualTo(201);
      assertThat(calls.publish(v2Shape)).isEqualTo(201);
    } finally {
      calls.stop();
    }

    int first = EventCodec.schemaId(producer.history().get(0).value());
    int second = EventCodec.schemaId(producer.history().get(1).value());
    assertThat(second).isNotEqualTo(first);
    assertThat(EventCodec.schemaId(producer.history().get(2).value())).isEqualTo(second);
    assertThat(
            registry.registry.subjectCompatibility(
                EventEncoder.typedEnvelopeSubject("payment.processed"), false))
        .as("envelopes follow the data subject's own level")
        .isEqualTo(CompatibilityLevel.NONE);
  }

  /** Drives a resource extension built inside a test. */
  private record ResourceExtensionCalls(ResourceExtension resources) {
    void start() {
      try {
        resources.before();
      } catch (Throwable e) {
        throw new AssertionError(e);
      }
    }

    void stop() {
      try {
        resources.after();
      } catch (Throwable e) {
        throw new AssertionError(e);
      }
    }

    int publish(byte[] body) {
      return resources.target("/v1/events").request().post(Entity.entity(body, JSON)).getStatus();
    }
  }
}
