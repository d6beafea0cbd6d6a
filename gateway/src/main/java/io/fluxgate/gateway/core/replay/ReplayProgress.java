package io.fluxgate.gateway.core.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a running replay stands on every event partition: the offsets of its range, looked up once
 * with {@link #plan}, the position it has dealt with, and its counts. Used by one thread.
 */
final class ReplayProgress {
  private final Map<TopicPartition, Long> starts = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> ends = new LinkedHashMap<>();
  private final Map<TopicPartition, Long> positions = new LinkedHashMap<>();
  long copied;
  long scanned;

  private ReplayProgress() {}

  /**
   * The range's offsets on every partition of {@code topics}: from the first record at or after
   * {@code from} (or the log start for earliest) to the first at or after {@code to}, never past
   * the last stable offset (the consumer reads committed).
   */
  static ReplayProgress plan(
      Consumer<String, byte[]> consumer,
      Collection<String> topics,
      ReplayRange range,
      Duration metadataTimeout) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, metadataTimeout);
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    ReplayProgress progress = new ReplayProgress();
    if (partitions.isEmpty()) {
      return progress;
    }
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
    offsetsAt(consumer, partitions, range.to())
        .forEach((tp, found) -> ends.put(tp, found == null ? ends.get(tp) : found.offset()));
    Map<TopicPartition, Long> starts = new HashMap<>();
    if (range.from() == null) {
      starts.putAll(consumer.beginningOffsets(partitions));
    } else {
      // No record at or after from: nothing of that partition is in the range.
      offsetsAt(consumer, partitions, range.from())
          .forEach((tp, found) -> starts.put(tp, found == null ? ends.get(tp) : found.offset()));
    }
    for (TopicPartition tp : partitions) {
      long end = ends.get(tp);
      long start = Math.min(starts.get(tp), end);
      progress.starts.put(tp, start);
      progress.ends.put(tp, end);
      progress.positions.put(tp, start);
    }
    return progress;
  }

  private static Map<TopicPartition, OffsetAndTimestamp> offsetsAt(
      Consumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
    partitions.forEach(tp -> found.put(tp, null));
    found.putAll(consumer.offsetsForTimes(request));
    return found;
  }

  long position(TopicPartition tp) {
    return positions.get(tp);
  }

  long end(TopicPartition tp) {
    return ends.get(tp);
  }

  /** The partitions with records left to copy. */
  List<TopicPartition> open() {
    return positions.keySet().stream().filter(tp -> positions.get(tp) < ends.get(tp)).toList();
  }

  boolean isDone() {
    return open().isEmpty();
  }

  /** Takes the consumer's positions; pauses partitions at their end. Whether any moved. */
  boolean advance(Consumer<String, byte[]> consumer) {
    boolean moved = false;
    List<TopicPartition> done = new ArrayList<>();
    for (TopicPartition tp : open()) {
      long position = Math.min(consumer.position(tp), ends.get(tp));
      if (position > positions.get(tp)) {
        positions.put(tp, position);
        moved = true;
      }
      if (position >= ends.get(tp)) {
        done.add(tp);
      }
    }
    if (!done.isEmpty()) {
      consumer.pause(done);
    }
    return moved;
  }

  List<ReplayJob.PartitionProgress> snapshot() {
    List<ReplayJob.PartitionProgress> snapshot = new ArrayList<>();
    positions.forEach(
        (tp, position) ->
            snapshot.add(
                new ReplayJob.PartitionProgress(
                    tp.topic(), tp.partition(), starts.get(tp), ends.get(tp), position)));
    return snapshot;
  }
}
