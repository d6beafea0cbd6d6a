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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    cursors =
        new SubscriptionCursors(
            store,
            CatchUpConfig.withReader((configs, clientId) -> null),
            this::reader,
            (id, event) -> copies.add(id + ":" + event.timestamp()),
            () -> CREATED.toEpochMilli());
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

  private CatchUpReader reader() {
    return new CatchUpReader() {
      @Override
      public Batch read(
          TopicPartition partition, long from, long until, int maxRecords, Duration maxTime) {
        readsFrom.add(from);
        long end = Math.min(until, from + maxRecords);
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

  private static Subscription latest(String id, long start) {
    return new Subscription(
        id,
        null,
        List.of("agent.*"),
        StartPosition.LATEST,
        Map.of(Subscription.partitionKey(TOPIC, 0), start),
        CREATED);
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
