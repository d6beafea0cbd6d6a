package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A broker that refuses or does not acknowledge a write: 503 with Retry-After, never 500. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsResourceBrokerFailureTest {

  /** Takes every record and fails its acknowledgement, as when the ISR shrank below min. */
  private static final MockProducer<String, byte[]> PRODUCER =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(
            ProducerRecord<String, byte[]> record, Callback callback) {
          Future<RecordMetadata> ack = super.send(record, callback);
          errorNext(new NotEnoughReplicasException("not enough in-sync replicas"));
          return ack;
        }
      };

  private static final ResourceExtension RESOURCES =
      TestGateway.resources().addResource(TestGateway.eventsResource(PRODUCER)).build();

  @AfterEach
  void resetProducer() {
    PRODUCER.sendException = null;
    PRODUCER.clear();
  }

  private static Response post(String path, String singleQuotedJson) {
    return RESOURCES.target(path).request().post(Entity.entity(json(singleQuotedJson), JSON));
  }

  private static void assertRetryableUnavailable(Response response) {
    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheBrokerDoesNotAcknowledge() {
    assertRetryableUnavailable(post("/v1/events", "{'event_type': 'a.b'}"));
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenABatchIsNotAcknowledged() {
    assertRetryableUnavailable(
        post("/v1/events/batch", "[{'event_type': 'a.b'}, {'event_type': 'a.c'}]"));
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheProducerCannotSend() {
    PRODUCER.sendException = new TimeoutException("metadata not available after 10000 ms");

    assertRetryableUnavailable(post("/v1/events", "{'event_type': 'a.b'}"));
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheProducerIsClosed() {
    // What KafkaProducer.send throws once the gateway is shutting down.
    PRODUCER.sendException =
        new IllegalStateException("Cannot perform operation after producer has been closed");

    assertRetryableUnavailable(post("/v1/events", "{'event_type': 'a.b'}"));
  }
}
