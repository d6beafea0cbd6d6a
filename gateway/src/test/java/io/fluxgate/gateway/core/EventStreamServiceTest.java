package io.fluxgate.gateway.core;

import static io.fluxgate.gateway.core.StreamFixtures.RENDERER;
import static io.fluxgate.gateway.core.StreamFixtures.SUBSCRIPTION;
import static io.fluxgate.gateway.core.StreamFixtures.partition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.gateway.errors.ApiException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a stream starts, what it refuses, and how many run at once. */
class EventStreamServiceTest {
  private final List<StreamFixtures.RecordingConsumer> consumers = new ArrayList<>();
  private final List<Map<String, Object>> configs = new ArrayList<>();
  private EventStreamService service;

  @BeforeEach
  void setUp() {
    service = service(2);
  }

  private EventStreamService service(int maxStreams) {
    return new EventStreamService(
        config -> {
          configs.add(config);
          StreamFixtures.RecordingConsumer consumer = StreamFixtures.consumer();
          // Offsets 0-4 of partition 1 are gone to retention; the group committed 2 on partition 0.
          consumer.updateBeginningOffsets(Map.of(partition(1), 5L));
          consumer.updateEndOffsets(Map.of(partition(0), 10L, partition(1), 10L, partition(2), 3L));
          consumer.groupOffsets.put(partition(0), new OffsetAndMetadata(2));
          consumers.add(consumer);
          return consumer;
        },
        Map.of("bootstrap.servers", "localhost:9092"),
        RENDERER,
        new StreamFixtures.Repository(SUBSCRIPTION),
        Duration.ofSeconds(15),
        Duration.ofSeconds(1),
        maxStreams);
  }

  private static int status(Throwable e) {
    return ((ApiException) e).getResponse().getStatus();
  }

  @Test
  void shouldStartAtTheGroupsCommittedOffsetsElseAtTheOldestKeptEvent() {
    EventStream stream = service.open(SUBSCRIPTION, null);

    assertThat(stream.start().encode()).isEqualTo("0:2,1:5,2:0");
    StreamFixtures.RecordingConsumer consumer = consumers.get(0);
    assertThat(consumer.position(partition(0))).isEqualTo(2);
    assertThat(consumer.position(partition(1))).isEqualTo(5);
    assertThat(configs.get(0))
        .containsEntry("group.id", SUBSCRIPTION.consumerGroup())
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("isolation.level", "read_committed");
  }

  @Test
  void shouldStartAtTheLastEventIdRatherThanTheCommittedOffsets() {
    EventStream stream = service.open(SUBSCRIPTION, StreamPosition.parse("0:7,2:3"));

    assertThat(stream.start().encode()).as("partition 1 from the group").isEqualTo("0:7,1:5,2:3");
    assertThat(consumers.get(0).position(partition(0))).isEqualTo(7);
  }

  @Test
  void shouldContinueWithTheOldestKeptEventWhenTheLastEventIdIsBeforeIt() {
    EventStream stream = service.open(SUBSCRIPTION, StreamPosition.parse("0:0,1:1,2:0"));

    assertThat(stream.start().encode()).isEqualTo("0:0,1:5,2:0");
  }

  @Test
  void shouldRefuseALastEventIdBeyondTheEndOfAPartition() {
    assertThatThrownBy(() -> service.open(SUBSCRIPTION, StreamPosition.parse("0:2,1:5,2:4")))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(status(e)).isEqualTo(400))
        .satisfies(
            e -> assertThat(((ApiException) e).body().error()).isEqualTo("invalid_last_event_id"))
        .hasMessageContaining("offset 4 of partition 2");
    assertThat(consumers.get(0).closed()).isTrue();
  }

  @Test
  void shouldRefuseALastEventIdNamingAPartitionTheTopicDoesNotHave() {
    assertThatThrownBy(() -> service.open(SUBSCRIPTION, StreamPosition.parse("0:1,3:0")))
        .isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(status(e)).isEqualTo(400))
        .hasMessageContaining("partition 3");
    assertThat(consumers.get(0).closed()).isTrue();
  }

  @Test
  void shouldAnswer503WhenTheSubscriptionTopicIsMissing() {
    EventStreamService missingTopic =
        new EventStreamService(
            config -> {
              StreamFixtures.RecordingConsumer consumer = new StreamFixtures.RecordingConsumer();
              consumers.add(consumer);
              return consumer;
            },
            Map.of(),
            RENDERER,
            new StreamFixtures.Repository(SUBSCRIPTION),
            Duration.ofSeconds(15),
            Duration.ofSeconds(1),
            1);

    assertThatThrownBy(() -> missingTopic.open(SUBSCRIPTION, null))
        .satisfies(e -> assertThat(status(e)).isEqualTo(503));
    assertThat(consumers.get(0).closed()).isTrue();
    // The permit came back: a second try fails the same way, not for want of a stream slot.
    assertThatThrownBy(() -> missingTopic.open(SUBSCRIPTION, null))
        .hasMessageContaining("Kafka is unavailable");
  }

  @Test
  void shouldAnswer503WhenKafkaCannotBeReached() {
    EventStreamService unreachable =
        new EventStreamService(
            config -> {
              throw new KafkaException("no bootstrap servers");
            },
            Map.of(),
            RENDERER,
            new StreamFixtures.Repository(SUBSCRIPTION),
            Duration.ofSeconds(15),
            Duration.ofSeconds(1),
            1);

    assertThatThrownBy(() -> unreachable.open(SUBSCRIPTION, null))
        .satisfies(e -> assertThat(status(e)).isEqualTo(503))
        .satisfies(
            e ->
                assertThat(((ApiException) e).getResponse().getHeaderString("Retry-After"))
                    .isEqualTo("1"));
  }

  @Test
  void shouldRefuseAStreamBeyondTheLimitUntilAnotherEnds() {
    EventStreamService one = service(1);
    EventStream first = one.open(SUBSCRIPTION, null);

    assertThatThrownBy(() -> one.open(SUBSCRIPTION, null))
        .satisfies(e -> assertThat(status(e)).isEqualTo(503))
        .hasMessageContaining("maximum of 1 streams");
    assertThat(consumers).as("no consumer for a refused stream").hasSize(1);

    first.stop();
    assertThat(one.openStreams()).isZero();
    assertThat(one.open(SUBSCRIPTION, null)).isNotNull();
  }

  @Test
  void shouldEndEveryStreamAndRefuseNewOnesOnStop() throws Exception {
    EventStream stream = service.open(SUBSCRIPTION, null);

    service.stop();

    assertThat(consumers.get(0).closed()).isTrue();
    assertThat(service.openStreams()).isZero();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stream.run(out);
    assertThat(out.size()).as("a stopped stream writes nothing").isZero();
    assertThatThrownBy(() -> service.open(SUBSCRIPTION, null))
        .satisfies(e -> assertThat(status(e)).isEqualTo(503))
        .hasMessageContaining("shutting down");
  }

  @Test
  void shouldRefuseNonsensicalSettings() {
    assertThatThrownBy(() -> service(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EventStreamService(
                    Map.of(),
                    RENDERER,
                    new StreamFixtures.Repository(),
                    Duration.ZERO,
                    Duration.ofSeconds(1),
                    1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new EventStreamService(
                    Map.of(),
                    RENDERER,
                    new StreamFixtures.Repository(),
                    Duration.ofSeconds(1),
                    Duration.ZERO,
                    1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
