package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The failure paths of atomic batches, on Kafka's in-memory producer. */
class EventPublisherAtomicTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static final List<UniversalEvent> BATCH =
      new EventJson(EventLimits.defaults(), CLOCK)
          .parseBatch(
              "[{\"event_type\":\"a.b\"},{\"event_type\":\"a.c\"}]"
                  .getBytes(StandardCharsets.UTF_8),
              false);

  private static MockProducer<String, byte[]> newProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void shouldRetryATimedOutCommitOnceInsteadOfAborting() {
    MockProducer<String, byte[]> tx = newProducer();
    AtomicInteger commits = new AtomicInteger();
    MockProducer<String, byte[]> flakyOnce =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
          @Override
          public void commitTransaction() {
            if (commits.incrementAndGet() == 1) {
              throw new TimeoutException("coordinator slow");
            }
            super.commitTransaction();
          }
        };
    EventPublisher publisher =
        new EventPublisher(
            tx,
            slot -> flakyOnce,
            1,
            TestRegistry.started().encoder,
            TopicCatalog.defaultCatalog(),
            CLOCK);

    assertThat(publisher.publishAtomically(BATCH)).hasSize(2);
    assertThat(commits.get()).isEqualTo(2);
    assertThat(flakyOnce.transactionAborted()).isFalse();
  }

  @Test
  void shouldAnswer503AndReplaceTheProducerWhenTheCommitOutcomeIsUnknown() {
    MockProducer<String, byte[]> stuck = newProducer();
    stuck.commitTransactionException = new TimeoutException("coordinator unreachable");
    AtomicInteger created = new AtomicInteger();
    EventPublisher publisher =
        new EventPublisher(
            newProducer(),
            slot -> {
              created.incrementAndGet();
              return stuck;
            },
            1,
            TestRegistry.started().encoder,
            TopicCatalog.defaultCatalog(),
            CLOCK);

    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> publisher.publishAtomically(BATCH));

    assertThat(refused.getResponse().getStatus()).isEqualTo(503);
    assertThat(refused.body().message()).contains("may or may not");
    assertThat(stuck.transactionAborted()).as("no abort after a commit timeout").isFalse();
    assertThat(stuck.closed()).as("the producer is replaced").isTrue();
    assertThat(created.get()).isEqualTo(1);
  }

  @Test
  void shouldCloseAProducerWhoseTransactionsCannotBeInitialised() {
    MockProducer<String, byte[]> unreachable = newProducer();
    unreachable.initTransactionException = new TimeoutException("no coordinator");
    EventPublisher publisher =
        new EventPublisher(
            newProducer(),
            slot -> unreachable,
            1,
            TestRegistry.started().encoder,
            TopicCatalog.defaultCatalog(),
            CLOCK);

    ApiException refused =
        catchThrowableOfType(ApiException.class, () -> publisher.publishAtomically(BATCH));

    assertThat(refused.getResponse().getStatus()).isEqualTo(503);
    assertThat(unreachable.closed()).isTrue();
  }
}
