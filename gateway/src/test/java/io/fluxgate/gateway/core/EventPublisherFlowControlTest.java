package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.event.EventRejectedException;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission to full queues comes after validation: a request with bad data is refused for its data
 * (422) and is not counted as rejected by a full {@code reject} queue; a valid one is refused with
 * 429 and nothing is sent.
 */
class EventPublisherFlowControlTest {
  private static final EventJson EVENT_JSON =
      new EventJson(EventLimits.defaults(), Clock.systemUTC());

  private final Map<String, FlowCounts> recorded = new ConcurrentHashMap<>();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final TestRegistry registry = TestRegistry.started();
  private final PublishFlowControl flowControl =
      new PublishFlowControl(
          () ->
              List.of(
                  new Subscription(
                      "full",
                      null,
                      List.of("payment.*"),
                      StartPosition.LATEST,
                      Map.of(),
                      Instant.EPOCH,
                      null,
                      false,
                      Backpressure.REJECT,
                      1,
                      0)),
          subscriptions -> Map.of("full", 1L),
          (id, counts) -> recorded.merge(id, counts, FlowCounts::plus),
          Duration.ofMillis(20));
  private final EventPublisher publisher =
      new EventPublisher(
          producer,
          slot -> producer,
          1,
          registry.encoder,
          flowControl,
          TopicCatalog.defaultCatalog(),
          Clock.systemUTC());

  @BeforeEach
  void typePaymentsAndReadTheFullQueue() {
    registry.register(
        "payment.processed",
        "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"amount\",\"type\":\"double\"}]}");
    flowControl.refresh();
  }

  private static UniversalEvent event(String data) {
    return EVENT_JSON.parseEvent(
        ("{\"event_type\": \"payment.processed\", \"data\": " + data + "}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseBadDataFor422BeforeAskingTheFullQueue() {
    EventRejectedException refused =
        catchThrowableOfType(
            EventRejectedException.class,
            () -> publisher.publishAll(List.of(event("{\"amount\": \"ten\"}"))));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(recorded).as("not counted as rejected by the queue").isEmpty();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldRefuseValidEventsWith429WhenTheQueueIsFullAndSendNothing() {
    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> publisher.publishAll(List.of(event("{\"amount\": 10}"))));

    assertThat(refused.getResponse().getStatus()).isEqualTo(429);
    assertThat(recorded).containsExactly(Map.entry("full", FlowCounts.rejected(1)));
    assertThat(producer.history()).isEmpty();
  }
}
