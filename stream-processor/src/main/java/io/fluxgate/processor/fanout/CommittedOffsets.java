package io.fluxgate.processor.fanout;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The Streams application's committed offsets: where a task's live path resumes on a partition
 * after the task (re)starts, so that a catch-up can finish on a partition that receives no new
 * record. One per stream task, used by its thread only, and closed after use.
 */
@FunctionalInterface
public interface CommittedOffsets extends AutoCloseable {

  /** Knows no committed offset: a partition's live position is learnt from its next record. */
  Factory NONE = (appConfigs, clientId) -> partitions -> Map.of();

  /**
   * The committed offset of each of {@code partitions} that has one; under exactly-once, only
   * offsets of committed transactions. A partition without a committed offset is absent.
   *
   * @throws org.apache.kafka.common.KafkaException when the offsets cannot be read
   */
  Map<TopicPartition, Long> committed(Set<TopicPartition> partitions);

  @Override
  default void close() {}

  /** Creates the committed offsets of one task from the Streams application's configuration. */
  @FunctionalInterface
  interface Factory {
    CommittedOffsets create(Map<String, Object> appConfigs, String clientId);
  }
}
