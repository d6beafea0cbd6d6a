package io.fluxgate.gateway.core.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.gateway.core.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The copy loop on mock clients: what it copies, and how each way of stopping ends the job.
 *
 * <p>Partition 0 holds {@code order.created} at even minutes and {@code user.created} at odd ones,
 * with {@code data.amount = 10 * minute}; partition 1 holds {@code order.created} with amount 100
 * at minutes 0–3. The subscription takes {@code order.*} with {@code data.amount >= 20}; the range
 * is minutes [1, 5).
 */
class ReplayCopierTest {
  private static final String TOPIC = "events";
  private static final Instant T0 = Instant.parse("2025-07-25T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plus(1, ChronoUnit.HOURS), ZoneOffset.UTC);
  private static final TestRegistry REGISTRY = TestRegistry.started();
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final Subscription SUBSCRIPTION =
      new Subscription(
          "sub-1",
          null,
          List.of("order.*"),
          StartPosition.LATEST,
          Map.of(),
          T0,
          "data.amount >= 20",
          false);
  private static final ReplayRange RANGE = new ReplayRange(minute(1), minute(5));

  private final TimedConsumer consumer = new TimedConsumer();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final InMemoryReplayRepository replays = new InMemoryReplayRepository();
  private final AtomicBoolean subscriptionExists = new AtomicBoolean(true);
  private final AtomicBoolean stopping = new AtomicBoolean(false);
  private final ReplayJob accepted =
      ReplayJob.accepted("replay-1", "sub-1", RANGE.fromText(), RANGE.to(), "me", T0);

  ReplayCopierTest() {
    for (int m = 0; m < 6; m++) {
      consumer.history(P0, m, m % 2 == 0 ? "order.created" : "user.created", 10 * m);
    }
    for (int m = 0; m < 4; m++) {
      consumer.history(P1, m, "order.created", 100);
    }
  }

  private ReplayJob run(ReplayRange range) {
    return new ReplayCopier(
            consumer,
            producer,
            List.of(TOPIC),
            REGISTRY.codec,
            replays,
            id -> subscriptionExists.get(),
            stopping::get,
            CLOCK)
        .run(accepted, SUBSCRIPTION, range);
  }

  @Test
  void shouldCopyTheMatchingRecordsOfTheRangeWithTheReplayHeader() {
    consumer.deliverAllOnFirstPoll();

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.COMPLETED);
    assertThat(ended.error()).isNull();
    // P0: minutes 2 and 4 (order.*, amount 20 and 40); P1: minutes 1, 2, 3.
    assertThat(producer.history())
        .extracting(r -> r.key())
        .containsExactlyInAnyOrder("p0-m2", "p0-m4", "p1-m1", "p1-m2", "p1-m3");
    ProducerRecord<String, byte[]> copy = producer.history().get(0);
    assertThat(copy.topic()).isEqualTo("fluxgate.sub.sub-1");
    assertThat(copy.timestamp()).isEqualTo(consumer.original(copy.key()).timestamp());
    assertThat(copy.value()).isSameAs(consumer.original(copy.key()).value());
    assertThat(header(copy, PlatformTopics.REPLAY_HEADER)).isEqualTo("replay-1");
    assertThat(header(copy, PlatformTopics.EVENT_TYPE_HEADER)).isEqualTo("order.created");
    assertThat(header(copy, PlatformTopics.SUBSCRIPTION_HEADER)).isEqualTo("sub-1");
    assertThat(ended.copied()).isEqualTo(5);
    // P0 offsets 1–4, P1 offsets 1–3 (no record at or after minute 5: its end offset).
    assertThat(ended.scanned()).isEqualTo(7);
    assertThat(ended.partitions())
        .containsExactlyInAnyOrder(
            new ReplayJob.PartitionProgress(TOPIC, 0, 1, 5, 5),
            new ReplayJob.PartitionProgress(TOPIC, 1, 1, 4, 4));
    assertThat(replays.get("replay-1")).contains(ended);
    assertThat(replays.writes.get(0).state()).isEqualTo(ReplayJob.State.RUNNING);
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldCompleteWithNothingCopiedWhenTheRangeIsEmpty() {
    consumer.deliverAllOnFirstPoll();

    ReplayJob ended = run(new ReplayRange(minute(30), minute(40)));

    assertThat(ended.state()).isEqualTo(ReplayJob.State.COMPLETED);
    assertThat(ended.copied()).isZero();
    assertThat(ended.scanned()).isZero();
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void shouldReplayFromTheBeginningForEarliest() {
    consumer.deliverAllOnFirstPoll();

    ReplayJob ended = run(new ReplayRange(null, minute(3)));

    assertThat(ended.state()).isEqualTo(ReplayJob.State.COMPLETED);
    // P0 minute 2 (minute 0 has amount 0); P1 minutes 0, 1, 2.
    assertThat(producer.history())
        .extracting(r -> r.key())
        .containsExactlyInAnyOrder("p0-m2", "p1-m0", "p1-m1", "p1-m2");
  }

  @Test
  void shouldFailWithAClearReasonWhenTheSubscriptionIsDeletedDuringTheReplay() {
    consumer.deliverFirstRecordsThen(() -> subscriptionExists.set(false));

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).isEqualTo("subscription 'sub-1' was deleted during the replay");
    assertThat(replays.get("replay-1")).contains(ended);
  }

  @Test
  void shouldEndCancelledWhenACancellationWasStored() {
    consumer.deliverFirstRecordsThen(
        () -> replays.put(accepted.ended(ReplayJob.State.CANCELLED, "cancelled on request", T0)));

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.CANCELLED);
    assertThat(ended.error()).isEqualTo(ReplayCopier.CANCELLED);
    // What the first step copied stays counted.
    assertThat(ended.copied()).isEqualTo(producer.history().size());
  }

  @Test
  void shouldFailWhenTheGatewayStops() {
    consumer.deliverFirstRecordsThen(() -> stopping.set(true));

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).isEqualTo(ReplayCopier.STOPPED);
  }

  @Test
  void shouldFailWhenAWriteFails() {
    consumer.deliverAllOnFirstPoll();
    producer.sendException = new TimeoutException("Topic not present in metadata after 10000 ms.");

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).startsWith("copying failed: ").contains("not present in metadata");
    assertThat(ended.copied()).isZero();
  }

  @Test
  void shouldBlameTheDeletionWhenAWriteFailsOnAGoneSubscription() {
    consumer.deliverAllOnFirstPoll();
    producer.sendException = new TimeoutException("Topic not present in metadata after 10000 ms.");
    subscriptionExists.set(false);

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).contains("was deleted during the replay");
  }

  @Test
  void shouldFailWhenTheEventTopicsCannotBeRead() {
    consumer.offsetsUnavailable = true;

    ReplayJob ended = run(RANGE);

    assertThat(ended.state()).isEqualTo(ReplayJob.State.FAILED);
    assertThat(ended.error()).startsWith("copying failed: ");
    assertThat(consumer.closed()).isTrue();
  }

  private static Instant minute(int m) {
    return T0.plus(m, ChronoUnit.MINUTES);
  }

  private static String header(ProducerRecord<String, byte[]> record, String key) {
    return new String(record.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }

  /** A mock consumer over a fixed history, answering offsetsForTimes from its timestamps. */
  private static final class TimedConsumer extends MockConsumer<String, byte[]> {
    private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> history =
        new HashMap<>();
    volatile boolean offsetsUnavailable;

    TimedConsumer() {
      super("earliest");
      updatePartitions(
          TOPIC,
          List.of(
              new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0]),
              new PartitionInfo(TOPIC, 1, Node.noNode(), new Node[0], new Node[0])));
      updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    }

    void history(TopicPartition tp, int minute, String type, int amount) {
      List<ConsumerRecord<String, byte[]>> records =
          history.computeIfAbsent(tp, k -> new ArrayList<>());
      String json =
          "{\"event_type\": \""
              + type
              + "\", \"timestamp\": \""
              + minute(minute)
              + "\", \"data\": {\"amount\": "
              + amount
              + "}}";
      var event =
          new EventJson(EventLimits.defaults(), CLOCK)
              .parseEvent(json.getBytes(StandardCharsets.UTF_8));
      RecordHeaders headers = new RecordHeaders();
      headers.add(PlatformTopics.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
      records.add(
          new ConsumerRecord<>(
              TOPIC,
              tp.partition(),
              records.size(),
              minute(minute).toEpochMilli(),
              TimestampType.CREATE_TIME,
              -1,
              -1,
              "p" + tp.partition() + "-m" + minute,
              REGISTRY.encoder.encodeAll(List.of(event)).get(0),
              headers,
              Optional.empty()));
      updateEndOffsets(Map.of(tp, (long) records.size()));
    }

    ConsumerRecord<String, byte[]> original(String key) {
      return history.values().stream()
          .flatMap(List::stream)
          .filter(r -> r.key().equals(key))
          .findFirst()
          .orElseThrow();
    }

    void deliverAllOnFirstPoll() {
      schedulePollTask(() -> history.values().forEach(records -> records.forEach(this::addRecord)));
    }

    /** The first poll returns P0's first two records in range and runs {@code then}. */
    void deliverFirstRecordsThen(Runnable then) {
      schedulePollTask(
          () -> {
            addRecord(history.get(P0).get(1));
            addRecord(history.get(P0).get(2));
            then.run();
          });
      // Later polls deliver the rest, should the copier go on.
      schedulePollTask(() -> history.values().forEach(records -> records.forEach(this::addRecord)));
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
        Map<TopicPartition, Long> timestamps) {
      if (offsetsUnavailable) {
        throw new TimeoutException("Failed to get offsets by times in 10000ms");
      }
      Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
      timestamps.forEach(
          (tp, time) ->
              history.getOrDefault(tp, List.of()).stream()
                  .filter(r -> r.timestamp() >= time)
                  .findFirst()
                  .ifPresent(
                      r -> found.put(tp, new OffsetAndTimestamp(r.offset(), r.timestamp()))));
      return found;
    }
  }
}
