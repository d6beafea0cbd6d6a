package io.fluxgate.gateway.core.query;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a set of partition ranges {@code [start, end)} through one assigned consumer and hands out
 * their records in timestamp order (ties by topic, partition, offset): a k-way merge that keeps the
 * head of every partition not yet exhausted. A partition with records in hand is paused, so memory
 * stays at one fetch per partition. {@link #positions()} tells, at any point, the next offset not
 * yet handed out on every partition — the cursor of a page.
 */
final class TimeOrderedMerge {
  private static final Comparator<ConsumerRecord<String, byte[]>> ORDER =
      Comparator.<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
          .thenComparing(ConsumerRecord::topic)
          .thenComparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset);

  private final Consumer<String, byte[]> consumer;
  private final Map<TopicPartition, Long> starts;
  private final Map<TopicPartition, Long> ends;
  private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers =
      new HashMap<>();

  /** Assigns {@code consumer} the partitions with something in {@code [start, end)}. */
  TimeOrderedMerge(
      Consumer<String, byte[]> consumer,
      Map<TopicPartition, Long> starts,
      Map<TopicPartition, Long> ends) {
    this.consumer = consumer;
    this.starts = Map.copyOf(starts);
    this.ends = Map.copyOf(ends);
    List<TopicPartition> active =
        starts.keySet().stream().filter(tp -> starts.get(tp) < ends.get(tp)).toList();
    consumer.assign(active);
    for (TopicPartition tp : active) {
      consumer.seek(tp, starts.get(tp));
      buffers.put(tp, new ArrayDeque<>());
    }
  }

  /**
   * The head of the merge: fetches until every partition not exhausted has a record in hand, or the
   * deadline passes.
   *
   * @return the next record without taking it; null when every range is exhausted
   * @throws DeadlineException when the deadline passed before the head was known
   */
  ConsumerRecord<String, byte[]> peek(long deadlineNanos) {
    while (needsFetch()) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        throw new DeadlineException();
      }
      for (ConsumerRecord<String, byte[]> record :
          consumer.poll(Duration.ofNanos(Math.min(remaining, Duration.ofMillis(200).toNanos())))) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(tp)) {
          buffers.get(tp).add(record);
        }
      }
      buffers.forEach(
          (tp, buffer) -> {
            if (!buffer.isEmpty()) {
              consumer.pause(List.of(tp));
            }
          });
    }
    return buffers.values().stream()
        .map(ArrayDeque::peek)
        .filter(r -> r != null)
        .min(ORDER)
        .orElse(null);
  }

  /** Takes the head returned by the last {@link #peek}. */
  void take(ConsumerRecord<String, byte[]> head) {
    TopicPartition tp = new TopicPartition(head.topic(), head.partition());
    ArrayDeque<ConsumerRecord<String, byte[]>> buffer = buffers.get(tp);
    buffer.poll();
    if (buffer.isEmpty()) {
      consumer.resume(List.of(tp));
    }
  }

  /** The next offset not handed out yet, on every partition of the query. */
  Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>(starts);
    buffers.forEach(
        (tp, buffer) ->
            positions.put(
                tp,
                buffer.isEmpty()
                    ? Math.min(consumer.position(tp), ends.get(tp))
                    : buffer.peek().offset()));
    return positions;
  }

  private boolean needsFetch() {
    for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> entry :
        buffers.entrySet()) {
      TopicPartition tp = entry.getKey();
      if (entry.getValue().isEmpty() && consumer.position(tp) < ends.get(tp)) {
        return true;
      }
    }
    return false;
  }

  /** The time budget ran out while waiting for a fetch. */
  static final class DeadlineException extends RuntimeException {
    DeadlineException() {
      super("time budget exhausted", null, false, false);
    }
  }
}
