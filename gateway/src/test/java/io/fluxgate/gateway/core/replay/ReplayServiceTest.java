package io.fluxgate.gateway.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.SubscriptionRepository;
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service's own duties: slots, and what stopping the gateway does to running jobs. */
class ReplayServiceTest {
  private static final Instant NOW = Instant.parse("2025-07-25T10:00:00Z");
  private static final Subscription SUBSCRIPTION =
      new Subscription("sub-1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW);

  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final InMemoryReplayRepository replays = new InMemoryReplayRepository();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private volatile boolean eventTopicHasRecords;
  private final ReplayService service =
      new ReplayService(
          new MapRepository(),
          replays,
          this::consumer,
          () -> producer,
          List.of("events"),
          TestRegistry.started().codec,
          Clock.fixed(NOW, ZoneOffset.UTC),
          1);

  ReplayServiceTest() {
    subscriptions.put(SUBSCRIPTION.id(), SUBSCRIPTION);
  }

  @AfterEach
  void stop() throws InterruptedException {
    service.stop();
  }

  /**
   * One partition "events"-0: empty, or claiming 5 records that never arrive, so a job keeps
   * running until something stops it.
   */
  private MockConsumer<String, byte[]> consumer() {
    TopicPartition tp = new TopicPartition("events", 0);
    MockConsumer<String, byte[]> consumer =
        new MockConsumer<>("earliest") {
          @Override
          public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
              Map<TopicPartition, Long> timestamps) {
            return Map.of();
          }
        };
    consumer.updatePartitions(
        "events", List.of(new PartitionInfo("events", 0, Node.noNode(), new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(tp, 0L));
    consumer.updateEndOffsets(Map.of(tp, eventTopicHasRecords ? 5L : 0L));
    return consumer;
  }

  @Test
  void shouldFreeTheSlotWhenAJobEnds() {
    ReplayJob first = service.start("sub-1", "earliest", null);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> replays.get(first.replayId()).orElseThrow().state().isFinal());

    assertThat(replays.get(first.replayId()).orElseThrow().state())
        .isEqualTo(ReplayJob.State.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(service.start("sub-1", "earliest", null).state()).isNotNull());
  }

  @Test
  void shouldEndRunningJobsFailedWithTheReasonWhenTheGatewayStops() throws Exception {
    eventTopicHasRecords = true;
    ReplayJob job = service.start("sub-1", "earliest", null);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !replays.get(job.replayId()).orElseThrow().partitions().isEmpty());

    service.stop();

    ReplayJob ended = replays.get(job.replayId()).orElseThrow();
    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).isEqualTo(ReplayCopier.STOPPED);
    assertThat(ended.partitions())
        .containsExactly(new ReplayJob.PartitionProgress("events", 0, 0, 5, 0));
    assertThatThrownBy(() -> service.start("sub-1", "earliest", null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(503));
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscription() {
    assertThatThrownBy(() -> service.start("nope", "earliest", null))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(404));
  }

  private final class MapRepository implements SubscriptionRepository {
    @Override
    public void put(Subscription subscription) {
      subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public void delete(String id) {
      subscriptions.remove(id);
    }

    @Override
    public Optional<Subscription> get(String id) {
      return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public Collection<Subscription> all() {
      return subscriptions.values();
    }
  }
}
