package io.fluxgate.gateway.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.core.topic.TopicRule;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.core.DeliveryService;
import io.fluxgate.gateway.core.EventPublisher;
import io.fluxgate.gateway.core.StartOffsets;
import io.fluxgate.gateway.core.SubscriptionRepository;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.TestRegistry;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.groups.Tuple;

/** Shared fixtures of the resource tests: the application's JSON setup and error mappers. */
final class TestGateway {

  static final Instant NOW = Instant.parse("2025-07-25T10:30:45.123456Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final TopicCatalog CATALOG =
      TopicCatalog.of(List.of(TopicRule.of("payment.**", "payments")));
  static final String JSON = "application/json";
  static final String NDJSON = "application/x-ndjson";

  private static final ObjectMapper READER = Jackson.newObjectMapper();

  private TestGateway() {}

  /** A resource extension configured like {@link GatewayApplication#run}: same mapper, mappers. */
  static ResourceExtension.Builder resources() {
    ObjectMapper mapper = Jackson.newObjectMapper();
    GatewayApplication.configureObjectMapper(mapper);
    ResourceExtension.Builder builder =
        ResourceExtension.builder().setMapper(mapper).setRegisterDefaultExceptionMappers(false);
    GatewayApplication.errorMappers().forEach(builder::addProvider);
    return builder;
  }

  /** A producer that acknowledges every record at once. */
  static MockProducer<String, byte[]> acknowledgingProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  static EventsResource eventsResource(Producer<String, byte[]> producer) {
    return eventsResource(producer, TestRegistry.started());
  }

  static EventsResource eventsResource(Producer<String, byte[]> producer, TestRegistry registry) {
    EventLimits limits = EventLimits.defaults();
    return new EventsResource(
        new EventJson(limits, CLOCK),
        limits,
        new EventPublisher(producer, slot -> producer, 1, registry.encoder, CATALOG, CLOCK));
  }

  /** Delivery that is never started: the tests using it fail before a consumer is needed. */
  static DeliveryService idleDelivery() {
    return new DeliveryService(Map.of(), TestRegistry.started().codec, CLOCK);
  }

  /** A subscription service over {@code repository}; topics are deleted an hour after delete. */
  static SubscriptionService subscriptionService(
      SubscriptionRepository repository, Admin admin, ScheduledExecutorService scheduler) {
    return new SubscriptionService(
        repository,
        new StartOffsets(admin, CATALOG.topics()),
        new TopicProvisioner(admin, (short) -1),
        idleDelivery(),
        scheduler,
        3,
        Duration.ofHours(1),
        CLOCK);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** JSON with single quotes for readability: 'a' becomes "a". */
  static byte[] json(String singleQuoted) {
    return utf8(singleQuoted.replace('\'', '"'));
  }

  /** The body of a response, read as a JSON tree. */
  static JsonNode body(Response response) {
    try {
      return READER.readTree(response.readEntity(byte[].class));
    } catch (java.io.IOException e) {
      throw new AssertionError("the response body is not JSON", e);
    }
  }

  /**
   * Asserts that {@code response} is an error in the gateway's shape with this status and error
   * code, and returns its body.
   */
  static JsonNode assertError(Response response, int status, String error) {
    assertThat(response.getStatus()).as("status").isEqualTo(status);
    assertThat(response.getMediaType().toString()).startsWith("application/json");
    JsonNode body = body(response);
    assertThat(body.path("error").asText()).as("error of %s", body).isEqualTo(error);
    assertThat(body.path("message").isTextual()).as("message of %s", body).isTrue();
    assertThat(body.path("details").isArray()).as("details of %s", body).isTrue();
    return body;
  }

  /** The {@code (index, field, code)} of every detail of an event error body. */
  static List<Tuple> eventErrors(JsonNode body) {
    List<Tuple> errors = new ArrayList<>();
    body.path("details")
        .forEach(
            d ->
                errors.add(
                    tuple(
                        d.path("index").asInt(),
                        d.path("field").asText(),
                        d.path("code").asText())));
    return errors;
  }
}
