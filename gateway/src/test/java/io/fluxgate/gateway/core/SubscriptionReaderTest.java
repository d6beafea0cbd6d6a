package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a long poll takes and commits, on Kafka's in-memory consumer. Re-delivery of uncommitted
 * batches needs a real broker's seek semantics: see {@code StandalonePlatformIT}.
 */
class SubscriptionReaderTest {
  private static final String TOPIC = "fluxgate.sub.s1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

  private MockConsumer<String, byte[]> consumer;
  private SubscriptionReader reader;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("earliest");
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    reader = new SubscriptionReader(consumer, TOPIC);
    for (int offset = 0; offset < 5; offset++) {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k", new byte[] {(byte) offset}));
    }
  }

  private List<Long> offsets(SubscriptionReader.Batch batch) {
    return batch.records().stream().map(ConsumerRecord::offset).toList();
  }

  @Test
  void shouldTakeAtMostMaxAndCommitOnlyWhenAskedTo() throws Exception {
    try (SubscriptionReader.Batch batch = reader.poll(2, Duration.ofSeconds(1))) {
      assertThat(offsets(batch)).containsExactly(0L, 1L);
      assertThat(consumer.committed(java.util.Set.of(P0)).get(P0)).isNull();
      batch.commit();
    }
    assertThat(consumer.committed(java.util.Set.of(P0)).get(P0))
        .isEqualTo(new OffsetAndMetadata(2));
  }

  @Test
  void shouldLetOnlyOneBatchOfASubscriptionBeInFlight() throws Exception {
    try (SubscriptionReader.Batch inFlight = reader.poll(1, Duration.ofSeconds(1))) {
      assertThat(offsets(inFlight)).containsExactly(0L);
      try (SubscriptionReader.Batch concurrent = reader.poll(1, Duration.ofMillis(50))) {
        assertThat(concurrent.records()).isEmpty();
      }
    }
  }

  @Test
  void shouldNotCommitOverOffsetsMovedWhileTheBatchWasInFlight() throws Exception {
    try (SubscriptionReader.Batch batch = reader.poll(3, Duration.ofSeconds(1))) {
      assertThat(offsets(batch)).containsExactly(0L, 1L, 2L);
      // A seek (or another instance) writes the group's offsets before this batch is committed.
      consumer.commitSync(Map.of(P0, new OffsetAndMetadata(4)));
      batch.commit();
    }
    assertThat(consumer.committed(java.util.Set.of(P0)).get(P0))
        .isEqualTo(new OffsetAndMetadata(4));
  }
}
