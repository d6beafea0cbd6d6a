package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaCatchUpReaderTest {
  private static final TopicPartition PARTITION = new TopicPartition("events", 1);
  private static final Duration LONG_STEP = Duration.ofSeconds(20);
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final KafkaCatchUpReader reader = new KafkaCatchUpReader(consumer);

  @AfterEach
  void closeReader() {
    reader.close();
  }

  @Test
  void shouldReadCommittedWithoutGroupOrCommits() {
    Map<String, Object> appConfigs =
        Map.of(
            "application.id", "fluxgate-fanout",
            "bootstrap.servers", "broker:9092",
            "security.protocol", "SSL",
            "consumer.fetch.max.wait.ms", "50",
            "main.consumer.group.id", "stolen",
            "consumer.isolation.level", "read_uncommitted",
            "consumer.enable.auto.commit", "true");

    Map<String, Object> config = KafkaCatchUpReader.consumerConfig(appConfigs, "task-0_0");

    assertThat(config)
        .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry("security.protocol", "SSL")
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50")
        .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
        .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
        .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
        .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "task-0_0")
        .doesNotContainKeys(ConsumerConfig.GROUP_ID_CONFIG, "application.id");
  }

  @Test
  void shouldEndTheStepAtTheLastStableOffsetInsteadOfPollingUntilTheStepTimeIsUp() {
    // An open transaction holds the last stable offset at 3, before the offset caught up to.
    consumer.updateEndOffsets(Map.of(PARTITION, 3L));
    consumer.schedulePollTask(() -> addRecords(0, 3, 10));

    long start = System.nanoTime();
    CatchUpReader.Batch first = reader.read(PARTITION, 0, 8, 100, Long.MAX_VALUE, LONG_STEP);
    CatchUpReader.Batch second = reader.read(PARTITION, 3, 8, 100, Long.MAX_VALUE, LONG_STEP);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
    assertThat(first.records()).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
    assertThat(first.nextOffset()).isEqualTo(3);
    assertThat(second.records()).isEmpty();
    assertThat(second.nextOffset()).isEqualTo(3);
  }

  @Test
  void shouldHoldNoMoreBytesThanTheStepAllows() {
    consumer.updateEndOffsets(Map.of(PARTITION, 5L));
    consumer.schedulePollTask(() -> addRecords(0, 5, 100));

    CatchUpReader.Batch batch = reader.read(PARTITION, 0, 5, 100, 250, LONG_STEP);

    assertThat(batch.records()).extracting(ConsumerRecord::offset).containsExactly(0L, 1L);
    assertThat(batch.nextOffset()).isEqualTo(2);
  }

  @Test
  void shouldReadOneRecordLargerThanTheStepAllows() {
    consumer.updateEndOffsets(Map.of(PARTITION, 5L));
    consumer.schedulePollTask(() -> addRecords(0, 5, 100));

    CatchUpReader.Batch batch = reader.read(PARTITION, 0, 5, 100, 1, LONG_STEP);

    assertThat(batch.records()).extracting(ConsumerRecord::offset).containsExactly(0L);
    assertThat(batch.nextOffset()).isEqualTo(1);
  }

  private void addRecords(long from, long until, int valueSize) {
    for (long offset = from; offset < until; offset++) {
      consumer.addRecord(
          new ConsumerRecord<>(
              PARTITION.topic(), PARTITION.partition(), offset, new byte[0], new byte[valueSize]));
    }
  }
}
