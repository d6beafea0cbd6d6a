package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.NDJSON;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No input produces a 5xx: hostile bodies at both publish endpoints get a 4xx in the error shape.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HostileBodiesTest {

  private static final MockProducer<String, byte[]> PRODUCER = TestGateway.acknowledgingProducer();
  private static final UnreachableKafka KAFKA = new UnreachableKafka();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(TestGateway.eventsResource(PRODUCER))
          .addResource(
              new SubscriptionsResource(
                  TestGateway.subscriptionService(
                      new InMemorySubscriptionRepository(), KAFKA.admin(), SCHEDULER)))
          .build();

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  static Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    bodies.put("binary garbage", garbage);
    bodies.put("NUL bytes", new byte[] {0, 0, 0, '{', '}'});
    bodies.put("UTF-16 BOM", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'});
    bodies.put("lone [", utf8("["));
    bodies.put("lone {", utf8("{"));
    bodies.put("truncated member", utf8("{\"event_type\":"));
    bodies.put("truncated string", utf8("{\"event_type\": \"a.b"));
    bodies.put("huge number", utf8("1e999999"));
    bodies.put("huge number as ttl", utf8("{\"event_type\": \"a.b\", \"ttl_seconds\": 1e999999}"));
    bodies.put(
        "huge integer as ttl",
        utf8("{\"event_type\": \"a.b\", \"ttl_seconds\": 1" + "0".repeat(5000) + "}"));
    bodies.put("huge number as event_type", utf8("{\"event_type\": 1e999999}"));
    bodies.put("10,000 nested arrays", utf8("[".repeat(10_000) + "]".repeat(10_000)));
    bodies.put("10,000 unclosed arrays", utf8("[".repeat(10_000)));
    bodies.put("10,000 nested objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
    bodies.put(
        "10,000 nested arrays in data",
        utf8(
            "{\"event_type\": \"a.b\", \"data\": "
                + "[".repeat(10_000)
                + "]".repeat(10_000)
                + "}"));
    bodies.put("lone surrogate", utf8("{\"event_type\": \"a.b\", \"data\": \"\\uD800\"}"));
    bodies.put("duplicate key", utf8("{\"event_type\": \"a.b\", \"event_type\": \"a.c\"}"));
    bodies.put("null", utf8("null"));
    bodies.put("string", utf8("\"a.b\""));
    bodies.put(
        "timestamp far future",
        utf8("{\"event_type\": \"a.b\", \"timestamp\": \"+999999999-12-31T23:59:59Z\"}"));
    bodies.put(
        "timestamp nonsense",
        utf8("{\"event_type\": \"a.b\", \"timestamp\": \"2025-13-45T99:99:99Z\"}"));
    bodies.put("id not a uuid", utf8("{\"event_type\": \"a.b\", \"id\": \"../../etc/passwd\"}"));
    bodies.put(
        "metadata not strings",
        utf8("{\"event_type\": \"a.b\", \"metadata\": {\"a\": {\"b\": 1}}}"));
    bodies.put("source of the wrong type", utf8("{\"event_type\": \"a.b\", \"source\": [1, 2]}"));
    return bodies;
  }

  @Test
  void shouldAnswerEveryHostileBodyWithA4xxInTheErrorShape() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, byte[]> body : hostileBodies().entrySet()) {
      check(failures, body.getKey(), "/v1/events", JSON, body.getValue());
      check(failures, body.getKey(), "/v1/events/batch", JSON, body.getValue());
      check(failures, body.getKey(), "/v1/events/batch", NDJSON, body.getValue());
      check(failures, body.getKey(), "/v1/subscriptions", JSON, body.getValue());
    }

    assertThat(failures).isEmpty();
    assertThat(PRODUCER.history()).isEmpty();
    assertThat(KAFKA.calls()).isEmpty();
  }

  private static void check(
      List<String> failures, String name, String path, String contentType, byte[] body) {
    Response response = RESOURCES.target(path).request().post(Entity.entity(body, contentType));
    int status = response.getStatus();
    String where = name + " at " + path + " (" + contentType + "): " + status;
    if (status < 400 || status >= 500) {
      failures.add(where);
      return;
    }
    JsonNode json = body(response);
    if (!json.path("error").isTextual() || !json.path("details").isArray()) {
      failures.add(where + " without the error shape: " + json);
    }
  }
}
