package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.JSON;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/events/batch?atomic=true}: the whole batch in one Kafka transaction. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EventsAtomicBatchResourceTest {

  private static final MockProducer<String, byte[]> PRODUCER =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private static final ResourceExtension RESOURCES =
      TestGateway.resources().addResource(TestGateway.eventsResource(PRODUCER)).build();

  private static final byte[] BATCH =
      json("[{'event_type': 'agent.started'}, {'event_type': 'agent.stopped'}]");

  @BeforeEach
  void resetProducer() {
    PRODUCER.clear();
  }

  private static Response publish(String atomic) {
    return RESOURCES
        .target("/v1/events/batch")
        .queryParam("atomic", atomic)
        .request()
        .post(Entity.entity(BATCH, JSON));
  }

  @Test
  void shouldCommitTheWholeBatchInOneTransaction() {
    long committedBefore = PRODUCER.commitCount();

    Response response = publish("true");

    assertThat(response.getStatus()).isEqualTo(201);
    assertThat(PRODUCER.transactionInitialized()).isTrue();
    assertThat(PRODUCER.commitCount()).isEqualTo(committedBefore + 1);
    assertThat(PRODUCER.history()).hasSize(2);
  }

  @Test
  void shouldAbortAndAnswer503WhenTheTransactionCannotCommit() {
    PRODUCER.commitTransactionException = new KafkaException("coordinator unavailable");
    try {
      Response response = publish("true");

      assertError(response, 503, "unavailable");
      assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
      assertThat(PRODUCER.transactionAborted()).isTrue();
      assertThat(PRODUCER.history()).as("nothing committed").isEmpty();
    } finally {
      PRODUCER.commitTransactionException = null;
    }
  }

  @Test
  void shouldRefuseAnAtomicFlagThatIsNotABoolean() {
    Response response = publish("yes");

    assertError(response, 400, "invalid_parameter");
    assertThat(PRODUCER.history()).isEmpty();
  }
}
