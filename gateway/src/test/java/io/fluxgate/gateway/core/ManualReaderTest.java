package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.gateway.core.ack.AckCommand;
import io.fluxgate.gateway.core.ack.AckId;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.core.ack.LoopbackAckLog;
import io.fluxgate.gateway.core.ack.OffsetRange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a manual-ack scan offers and commits, on Kafka's in-memory consumer. */
class ManualReaderTest {
  private static final String TOPIC = "fluxgate.sub.s1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final Duration WAIT = Duration.ofMillis(10);

  private final AckLog log = LoopbackAckLog.create(System::currentTimeMillis);
  private MockConsumer<String, byte[]> consumer;
  private ManualReader reader;

  @BeforeEach
  void setUp() {
    consumer = new MockConsumer<>("earliest");
    Node node = new Node(0, "localhost", 9092);
    consumer.updatePartitions(
        TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 6L));
    reader = new ManualReader(consumer, TOPIC, "s1", log);
    // Offset 3 holds no record (a transaction marker, say).
    for (long offset : new long[] {0, 1, 2, 4, 5}) {
      consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "k", new byte[] {1}));
    }
  }

  private void lease(String leaseId, Long... offsets) {
    log.write(
        "s1",
        new AckCommand.Lease(
            leaseId, leaseId, 60_000, Map.of(0, 0L), Map.of(0, List.of(offsets)), Map.of()));
  }

  private void ack(String leaseId, long... offsets) {
    List<AckId> ids =
        java.util.Arrays.stream(offsets).mapToObj(o -> new AckId(0, o, leaseId)).toList();
    log.write("s1", new AckCommand.Ack("r-" + leaseId + offsets[0], ids));
  }

  private OffsetAndMetadata committed() {
    return consumer.committed(Set.of(P0)).get(P0);
  }

  @Test
  void shouldOfferEveryFreeRecordAndNameTheGapsAsVoids() {
    ManualReader.Scan scan = reader.scan(10, WAIT, 0, dropped -> {});

    assertThat(scan.from()).containsExactly(Map.entry(0, 0L));
    assertThat(scan.offsets().get(0)).containsExactly(0L, 1L, 2L, 4L, 5L);
    assertThat(scan.voids().get(0)).containsExactly(new OffsetRange(3, 4));
    assertThat(scan.records().get(P0)).containsOnlyKeys(0L, 1L, 2L, 4L, 5L);
  }

  @Test
  void shouldSkipLeasedAndAcknowledgedRecordsAndStopAtMax() {
    lease("a1", 1L, 2L);
    ack("a1", 2);

    ManualReader.Scan scan = reader.scan(2, WAIT, 0, dropped -> {});

    assertThat(scan.offsets().get(0)).containsExactly(0L, 4L);
  }

  @Test
  void shouldCommitTheAcknowledgedPrefixWithTheAcksAboveItInTheMetadata() {
    lease("a1", 0L, 1L, 2L, 4L);
    ack("a1", 0, 1, 4);

    reader.commitDone();

    assertThat(committed()).isEqualTo(new OffsetAndMetadata(2, "acked=4"));
  }

  @Test
  void shouldNeverCommitBackwards() {
    lease("a1", 0L, 1L);
    ack("a1", 0, 1);
    consumer.commitSync(Map.of(P0, new OffsetAndMetadata(5)));

    reader.commitDone();

    assertThat(committed().offset()).isEqualTo(5);
  }

  @Test
  void shouldRestoreAcksFromTheCommitMetadataBeforeTheFirstScan() {
    consumer.commitSync(Map.of(P0, new OffsetAndMetadata(1, "acked=2,4")));

    ManualReader.Scan scan = reader.scan(10, WAIT, 0, dropped -> {});

    assertThat(scan.offsets().get(0)).containsExactly(1L, 5L);
  }

  @Test
  void shouldDropTheOldestPastTheBoundOfADropOldestSubscription() {
    AtomicLong dropped = new AtomicLong();

    ManualReader.Scan scan = reader.scan(10, WAIT, 2, dropped::addAndGet);

    assertThat(dropped.get()).isEqualTo(4);
    assertThat(committed().offset()).isEqualTo(4);
    assertThat(scan.from()).containsExactly(Map.entry(0, 4L));
    assertThat(scan.offsets().get(0)).containsExactly(4L, 5L);
  }

  @Test
  void shouldCommitASeeksPositionsEvenBackwards() {
    consumer.commitSync(Map.of(P0, new OffsetAndMetadata(5, "acked=7")));

    reader.commitPositions(Map.of(0, 1L, 9, 3L));

    assertThat(committed()).isEqualTo(new OffsetAndMetadata(1));
  }
}
