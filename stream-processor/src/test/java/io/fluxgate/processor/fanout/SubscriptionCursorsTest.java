package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.glob.PatternIndex;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionCursorsTest {
  private static final String TOPIC = "events";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  private static final Instant CREATED = Instant.parse("2025-07-25T10:30:00Z");

  private final List<Long> readsFrom = new ArrayList<>();
  private final List<String> copies = new ArrayList<>();
  private final List<Set<TopicPartition>> lookups = new ArrayList<>();
  private Map<TopicPartition, Long> committed = Map.of();
  private RuntimeException lookupFailure;
  private long lastStableOffset = Long.MAX_VALUE;
  private long now = CREATED.toEpochMilli();
  private long nanos = 1_000_000_000L;
  private long stepNanos;
  private final CatchUpShare share = new CatchUpShare(() -> nanos);
  private KeyValueStore<String, Long> store;
  private SubscriptionCursors cursors;

  @BeforeEach
  void openStore() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("cursors"), Serdes.String(), Serdes.Long())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    cursors = cursors(CatchUpConfig.DEFAULT_MAX_BYTES_PER_STEP);
  }

  private SubscriptionCursors cursors(long maxBytesPerStep) {
    CatchUpConfig config =
        new CatchUpConfig(
            (configs, clientId) -> null,
            CommittedOffsets.NONE,
            CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP,
            maxBytesPerStep,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);
    return new SubscriptionCursors(
        store,
        config,
        this::reader,
        () -> this::committedOffsets,
        (id, event) -> copies.add(id + ":" + event.timestamp()),
        () -> now,
        share);
  }

  private Map<TopicPartition, Long> committedOffsets(Set<TopicPartition> partitions) {
    lookups.add(partitions);
    if (lookupFailure != null) {
      throw lookupFailure;
    }
    return committed;
  }

  @AfterEach
  void closeStore() {
    cursors.close();
    store.close();
  }

  @Test
  void shouldResumeFromTheStoredCursorRatherThanTheStartOffset() {
    store.put(SubscriptionCursors.key("s1", PARTITION), 4L);

    cursors.beforeLiveRecord(table(latest("s1", 1L)), TOPIC, 0, 6);

    assertThat(readsFrom).containsExactly(4L);
    assertThat(copies).containsExactly("s1:4", "s1:5");
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION)))
        .isEqualTo(SubscriptionCursors.LIVE);
  }

  @Test
  void shouldNotCatchUpAgainWhenTheStoredCursorIsLive() {
    store.put(SubscriptionCursors.key("s1", PARTITION), SubscriptionCursors.LIVE);

    PartitionCursors partition = cursors.beforeLiveRecord(table(latest("s1", 1L)), TOPIC, 0, 6);

    assertThat(readsFrom).isEmpty();
    assertThat(partition.isLive("s1")).isTrue();
  }

  @Test
  void shouldLeaveTheLiveRecordToAnUnfinishedCatchUp() {
    PartitionCursors partition =
        cursors.beforeLiveRecord(table(latest("s1", 2L)), TOPIC, 0, 10_000);

    assertThat(partition.isLive("s1")).isFalse();
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION)))
        .isEqualTo(2L + CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP);
  }

  @Test
  void shouldShareOneReadBetweenSubscriptionsCatchingUpOnAPartition() {
    cursors.beforeLiveRecord(table(latest("s1", 1L), latest("s2", 3L)), TOPIC, 0, 4);

    assertThat(readsFrom).containsExactly(1L);
    assertThat(copies).containsExactly("s1:1", "s1:2", "s1:3", "s2:3");
  }

  @Test
  void shouldDropTheCursorsOfDeletedSubscriptions() {
    RoutingTable both = table(latest("s1", 5L), latest("s2", 1L));
    store.put(SubscriptionCursors.key("gone", PARTITION), 3L);
    cursors.dropDeleted(both);
    cursors.beforeLiveRecord(both, TOPIC, 0, 2);
    assertThat(store.get(SubscriptionCursors.key("s2", PARTITION)))
        .isEqualTo(SubscriptionCursors.LIVE);

    cursors.beforeLiveRecord(table(latest("s1", 5L)), TOPIC, 0, 3);
    cursors.punctuate(table(latest("s1", 5L)));

    assertThat(store.get(SubscriptionCursors.key("gone", PARTITION))).isNull();
    assertThat(store.get(SubscriptionCursors.key("s2", PARTITION))).isNull();
  }

  /** Serves an event at every offset up to the last stable offset. */
  @Test
  void shouldCatchUpAnOwnedPartitionToItsCommittedOffsetWithoutNewRecords() {
    committed = Map.of(PARTITION, 4L);
    cursors.own(List.of(PARTITION));

    cursors.punctuate(table(earliest("s1")));

    assertThat(copies).containsExactly("s1:0", "s1:1", "s1:2", "s1:3");
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION)))
        .isEqualTo(SubscriptionCursors.LIVE);
    assertThat(cursors.beforeLiveRecord(table(earliest("s1")), TOPIC, 0, 4).isLive("s1")).isTrue();
  }

  @Test
  void shouldFinishAHalfDoneCatchUpAfterARestartWithoutNewRecords() {
    store.put(SubscriptionCursors.key("s1", PARTITION), 2L);
    committed = Map.of(PARTITION, 5L);
    cursors.own(List.of(PARTITION));

    cursors.punctuate(table(latest("s1", 0L)));

    assertThat(readsFrom).containsExactly(2L);
    assertThat(copies).containsExactly("s1:2", "s1:3", "s1:4");
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION)))
        .isEqualTo(SubscriptionCursors.LIVE);
  }

  @Test
  void shouldWaitForTheFirstRecordOfAPartitionWithoutACommittedOffset() {
    cursors.own(List.of(PARTITION));

    cursors.punctuate(table(earliest("s1")));
    assertThat(readsFrom).isEmpty();

    cursors.beforeLiveRecord(table(earliest("s1")), TOPIC, 0, 2);
    assertThat(copies).containsExactly("s1:0", "s1:1");
  }

  @Test
  void shouldAskForCommittedOffsetsOnceThereIsASubscriptionAndOnlyOnce() {
    TopicPartition other = new TopicPartition("payments", 0);
    committed = Map.of(PARTITION, 1L);
    cursors.own(List.of(PARTITION, other));

    cursors.punctuate(RoutingTable.EMPTY);
    assertThat(lookups).isEmpty();

    cursors.punctuate(table(earliest("s1")));
    cursors.punctuate(table(earliest("s1"), earliest("s2")));
    assertThat(lookups).containsExactly(Set.of(PARTITION, other));
  }

  @Test
  void shouldNotLetACommittedOffsetOverrideWhatTheLivePathTold() {
    TopicPartition other = new TopicPartition("payments", 0);
    committed = Map.of(PARTITION, 1L, other, 0L);
    cursors.own(List.of(PARTITION, other));
    cursors.beforeLiveRecord(table(latest("s1", 0L)), TOPIC, 0, 3);
    copies.clear();

    cursors.punctuate(table(latest("s1", 0L), earliest("s2")));

    assertThat(lookups).containsExactly(Set.of(other));
    assertThat(copies).containsExactly("s2:0", "s2:1", "s2:2", "s2:3");
  }

  @Test
  void shouldAskAgainLaterWhenCommittedOffsetsCannotBeRead() {
    lookupFailure = new KafkaException("broker unreachable");
    cursors.own(List.of(PARTITION));
    RoutingTable table = table(earliest("s1"));

    cursors.punctuate(table);
    cursors.punctuate(table);
    assertThat(lookups).hasSize(1);
    assertThat(copies).isEmpty();

    lookupFailure = null;
    committed = Map.of(PARTITION, 1L);
    now += LiveOffsetLookup.RETRY.toMillis();
    cursors.punctuate(table);
    assertThat(lookups).hasSize(2);
    assertThat(copies).containsExactly("s1:0");
  }

  @Test
  void shouldBoundEachStepInBytesButMoveByAtLeastOneRecord() {
    cursors.close();
    long eventSize = CatchUpReader.sizeInBytes(event(0));
    cursors = cursors(3 * eventSize);
    committed = Map.of(PARTITION, 8L);
    cursors.own(List.of(PARTITION));

    cursors.punctuate(table(earliest("s1")));
    assertThat(copies).containsExactly("s1:0", "s1:1", "s1:2");
    cursors.punctuate(table(earliest("s1")));
    cursors.punctuate(table(earliest("s1")));
    assertThat(copies).hasSize(8);

    cursors.close();
    cursors = cursors(1);
    copies.clear();
    cursors.beforeLiveRecord(table(latest("s2", 8L)), TOPIC, 0, 10);
    assertThat(copies).as("one record larger than the bound").containsExactly("s2:8");
  }

  @Test
  void shouldWaitAtTheLastStableOffsetWithoutMovingTheCursor() {
    lastStableOffset = 2L;
    committed = Map.of(PARTITION, 4L);
    cursors.own(List.of(PARTITION));
    RoutingTable table = table(earliest("s1"));

    cursors.punctuate(table);
    cursors.punctuate(table);
    assertThat(copies).containsExactly("s1:0", "s1:1");
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION))).isEqualTo(2L);

    lastStableOffset = Long.MAX_VALUE;
    cursors.punctuate(table);
    assertThat(copies).containsExactly("s1:0", "s1:1", "s1:2", "s1:3");
    assertThat(readsFrom).containsExactly(0L, 2L, 2L);
  }

  private CatchUpReader reader() {
    return new CatchUpReader() {
      @Override
      public Batch read(
          TopicPartition partition, long from, long until, int maxRecords, Duration maxTime) {
        readsFrom.add(from);
        nanos += stepNanos;
        long end = Math.min(Math.min(until, lastStableOffset), from + maxRecords);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (long offset = from; offset < end; offset++) {
          records.add(event(offset));
        }
        return new Batch(records, end);
      }

      @Override
      public void close() {}
    };
  }

  /** An event whose timestamp is its offset, so copies show which offsets were routed. */
  private static ConsumerRecord<byte[], byte[]> event(long offset) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PlatformTopics.EVENT_TYPE_HEADER, "agent.started".getBytes(StandardCharsets.UTF_8));
    return new ConsumerRecord<>(
        TOPIC,
        0,
        offset,
        offset,
        TimestampType.CREATE_TIME,
        -1,
        -1,
        new byte[0],
        new byte[0],
        headers,
        Optional.empty());
  }

  @Test
  void shouldLetTheLivePathRouteForAsLongAsTheLastStepTookBeforeItStepsAgain() {
    stepNanos = TimeUnit.MILLISECONDS.toNanos(10);
    RoutingTable table = table(latest("s1", 0L));

    cursors.beforeLiveRecord(table, TOPIC, 0, 12_000);
    nanos += TimeUnit.MILLISECONDS.toNanos(9);
    PartitionCursors held = cursors.beforeLiveRecord(table, TOPIC, 0, 12_001);

    assertThat(readsFrom).as("9 ms after a 10 ms step: no step").containsExactly(0L);
    assertThat(held.isLive("s1")).isFalse();
    assertThat(store.get(SubscriptionCursors.key("s1", PARTITION))).isEqualTo(5_000L);

    nanos += TimeUnit.MILLISECONDS.toNanos(1);
    cursors.beforeLiveRecord(table, TOPIC, 0, 12_002);
    nanos += TimeUnit.MILLISECONDS.toNanos(10);
    PartitionCursors live = cursors.beforeLiveRecord(table, TOPIC, 0, 12_003);

    assertThat(readsFrom).containsExactly(0L, 5_000L, 10_000L);
    assertThat(live.isLive("s1")).isTrue();
    // The live records the steps skipped were left to the catch-up: every one, once, in order.
    assertThat(copies)
        .containsExactlyElementsOf(
            LongStream.range(0, 12_003).mapToObj(offset -> "s1:" + offset).toList());
  }

  @Test
  void shouldShareTheThreadsTimeBetweenItsTasks() {
    stepNanos = TimeUnit.MILLISECONDS.toNanos(10);
    RoutingTable table = table(earliest("s1"));
    SubscriptionCursors otherTask = cursors(CatchUpConfig.DEFAULT_MAX_BYTES_PER_STEP);
    try {
      cursors.beforeLiveRecord(table, TOPIC, 0, 12_000);
      PartitionCursors held = otherTask.beforeLiveRecord(table, TOPIC, 1, 12_000);

      assertThat(readsFrom).as("the other task's step waits for the live path").containsExactly(0L);
      assertThat(held.isLive("s1")).isFalse();

      nanos += TimeUnit.MILLISECONDS.toNanos(10);
      otherTask.beforeLiveRecord(table, TOPIC, 1, 12_001);
      assertThat(readsFrom).containsExactly(0L, 0L);
    } finally {
      otherTask.close();
    }
  }

  @Test
  void shouldHoldPunctuationStepsBackToo() {
    stepNanos = TimeUnit.MILLISECONDS.toNanos(10);
    RoutingTable table = table(latest("s1", 0L));

    cursors.beforeLiveRecord(table, TOPIC, 0, 12_000);
    cursors.punctuate(table);
    assertThat(readsFrom).containsExactly(0L);

    nanos += TimeUnit.MILLISECONDS.toNanos(10);
    cursors.punctuate(table);
    assertThat(readsFrom).containsExactly(0L, 5_000L);
  }

  @Test
  void shouldNotYieldAfterStepsShorterThanAMillisecond() {
    stepNanos = TimeUnit.MICROSECONDS.toNanos(900);
    RoutingTable table = table(latest("s1", 0L));

    cursors.beforeLiveRecord(table, TOPIC, 0, 12_000);
    cursors.beforeLiveRecord(table, TOPIC, 0, 12_001);

    assertThat(readsFrom).containsExactly(0L, 5_000L);
  }

  private static Subscription latest(String id, long start) {
    return new Subscription(
        id,
        null,
        List.of("agent.*"),
        StartPosition.LATEST,
        Map.of(Subscription.partitionKey(TOPIC, 0), start),
        CREATED);
  }

  private static Subscription earliest(String id) {
    return new Subscription(
        id, null, List.of("agent.*"), StartPosition.EARLIEST, Map.of(), CREATED);
  }

  private static RoutingTable table(Subscription... subscriptions) {
    PatternIndex.Builder<String> index = PatternIndex.builder();
    for (Subscription subscription : subscriptions) {
      subscription.patterns().forEach(pattern -> index.add(subscription.id(), pattern));
    }
    return new RoutingTable(
        index.build(),
        Arrays.stream(subscriptions).collect(Collectors.toMap(Subscription::id, s -> s)));
  }
}
