package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns, once per task, where the live path resumes on partitions that have had no record since
 * the task started: the application's committed offsets, which are exactly where the main consumer
 * resumes. A failed read is retried after {@link #RETRY}; meanwhile the partitions wait for their
 * next record, as they would without committed offsets.
 */
final class LiveOffsetLookup {

  /** How long a task waits before asking again for committed offsets it could not read. */
  static final Duration RETRY = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(LiveOffsetLookup.class);

  private final Supplier<CommittedOffsets> committedOffsets;
  private final LongSupplier clock;
  private long dueMs;

  LiveOffsetLookup(Supplier<CommittedOffsets> committedOffsets, LongSupplier clock) {
    this.committedOffsets = committedOffsets;
    this.clock = clock;
  }

  boolean isDue() {
    return dueMs != Long.MAX_VALUE && clock.getAsLong() >= dueMs;
  }

  /** The committed offsets of {@code partitions}; none when they cannot be read now. */
  Map<TopicPartition, Long> lookUp(Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      dueMs = Long.MAX_VALUE;
      return Map.of();
    }
    try (CommittedOffsets offsets = committedOffsets.get()) {
      Map<TopicPartition, Long> committed = offsets.committed(partitions);
      dueMs = Long.MAX_VALUE;
      return committed;
    } catch (KafkaException e) {
      LOG.warn(
          "Cannot read the committed offsets of {}; catch-ups there wait for a new record or {}",
          partitions,
          RETRY,
          e);
      dueMs = clock.getAsLong() + RETRY.toMillis();
      return Map.of();
    }
  }
}
