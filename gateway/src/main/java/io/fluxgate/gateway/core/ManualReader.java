package io.fluxgate.gateway.core;

import io.fluxgate.gateway.core.ack.AckCommand;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.core.ack.AckedRanges;
import io.fluxgate.gateway.core.ack.OffsetRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * This instance's reader of one manual-ack subscription topic: finds the events a long poll may
 * offer (from the group's committed offsets, past what the lease log says is done or leased) and
 * moves the group's committed offsets up to the acknowledged prefix. It never leases by itself:
 * {@link ManualDelivery} asks the lease log for what a scan found. One scan or commit at a time.
 */
final class ManualReader implements AutoCloseable {
  private final Consumer<String, byte[]> consumer;
  private final String subscriptionId;
  private final AckLog log;
  private boolean restored;
  private volatile long lastUsedNanos = System.nanoTime();

  /** What one scan found: the lease request to write and the records it names. */
  record Scan(
      Map<Integer, Long> from,
      Map<Integer, List<Long>> offsets,
      Map<Integer, List<OffsetRange>> voids,
      Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records) {
    boolean isEmpty() {
      return offsets.isEmpty();
    }

    AckCommand.Lease lease(String leaseId, long timeoutMs) {
      return new AckCommand.Lease(leaseId, leaseId, timeoutMs, from, offsets, voids);
    }
  }

  ManualReader(Consumer<String, byte[]> consumer, String topic, String subscriptionId, AckLog log) {
    this.consumer = consumer;
    this.subscriptionId = subscriptionId;
    this.log = log;
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist yet");
    }
    consumer.assign(partitions);
  }

  /**
   * Reads from the committed offsets and returns up to {@code max} offered events, waiting up to
   * {@code wait} for new ones; for {@code drop_oldest} ({@code maxQueueSize > 0}) first skips what
   * lies past the bound, as the auto-mode reader does.
   */
  synchronized Scan scan(int max, Duration wait, long maxQueueSize, LongConsumer onDropped) {
    lastUsedNanos = System.nanoTime();
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    restoreOnce(committed);
    Map<TopicPartition, Long> from = new HashMap<>();
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      from.put(
          partition, Math.max(beginnings.get(partition), offset == null ? 0 : offset.offset()));
    }
    if (maxQueueSize > 0) {
      dropOldest(from, maxQueueSize, onDropped);
    }
    commitDone(committed); // acks answered while a commit failed are committed now
    Map<Integer, Long> fromByPartition = new HashMap<>();
    Map<TopicPartition, Long> expected = new HashMap<>();
    for (TopicPartition partition : assigned) {
      long start =
          Math.max(
              from.get(partition), log.read(subscriptionId, s -> s.floor(partition.partition())));
      fromByPartition.put(partition.partition(), from.get(partition));
      expected.put(partition, start);
      consumer.seek(partition, start);
    }
    Map<Integer, List<Long>> offsets = new HashMap<>();
    Map<Integer, List<OffsetRange>> voids = new HashMap<>();
    Map<TopicPartition, Map<Long, ConsumerRecord<String, byte[]>>> records = new HashMap<>();
    int found = 0;
    while (found == 0) {
      ConsumerRecords<String, byte[]> polled = consumer.poll(wait);
      if (polled.isEmpty()) {
        break;
      }
      long now = System.currentTimeMillis();
      for (TopicPartition partition : polled.partitions()) {
        for (ConsumerRecord<String, byte[]> record : polled.records(partition)) {
          long gapStart = expected.get(partition);
          if (record.offset() > gapStart) {
            voids
                .computeIfAbsent(partition.partition(), p -> new ArrayList<>())
                .add(new OffsetRange(gapStart, record.offset()));
          }
          expected.put(partition, record.offset() + 1);
          if (found < max
              && log.read(
                  subscriptionId, s -> s.isOffered(partition.partition(), record.offset(), now))) {
            offsets
                .computeIfAbsent(partition.partition(), p -> new ArrayList<>())
                .add(record.offset());
            records.computeIfAbsent(partition, p -> new HashMap<>()).put(record.offset(), record);
            found++;
          }
        }
      }
    }
    // Offsets the consumer stepped over after the last record it returned hold no record either.
    for (TopicPartition partition : assigned) {
      long position = consumer.position(partition);
      if (position > expected.get(partition)) {
        voids
            .computeIfAbsent(partition.partition(), p -> new ArrayList<>())
            .add(new OffsetRange(expected.get(partition), position));
      }
    }
    return new Scan(fromByPartition, offsets, voids, records);
  }

  private void restoreOnce(Map<TopicPartition, OffsetAndMetadata> committed) {
    if (restored) {
      return;
    }
    committed.forEach(
        (partition, offset) -> {
          if (offset != null) {
            log.read(
                subscriptionId,
                s -> {
                  s.restore(
                      partition.partition(),
                      offset.offset(),
                      AckedRanges.decode(offset.metadata()));
                  return null;
                });
          }
        });
    restored = true;
  }

  private void dropOldest(
      Map<TopicPartition, Long> from, long maxQueueSize, LongConsumer onDropped) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(from.keySet());
    Map<TopicPartition, Long> queues = new HashMap<>();
    from.forEach(
        (p, position) -> queues.put(p, Math.max(0, ends.getOrDefault(p, position) - position)));
    Map<TopicPartition, Long> skips = QueueTrim.skips(queues, maxQueueSize);
    if (skips.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    long dropped = 0;
    for (Map.Entry<TopicPartition, Long> skip : skips.entrySet()) {
      long target = from.get(skip.getKey()) + skip.getValue();
      offsets.put(skip.getKey(), new OffsetAndMetadata(target));
      from.put(skip.getKey(), target);
      dropped += skip.getValue();
    }
    consumer.commitSync(offsets);
    onDropped.accept(dropped);
  }

  /** Commits the group forward to the acknowledged prefix of every partition; never backwards. */
  synchronized void commitDone() {
    lastUsedNanos = System.nanoTime();
    commitDone(consumer.committed(consumer.assignment()));
  }

  private void commitDone(Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      OffsetAndMetadata now = committed.get(partition);
      OffsetAndMetadata target =
          log.read(
              subscriptionId,
              s ->
                  new OffsetAndMetadata(
                      s.floor(partition.partition()),
                      AckedRanges.encode(s.doneAboveFloor(partition.partition()))));
      boolean forward = now == null ? target.offset() > 0 : target.offset() > now.offset();
      boolean moreAcked =
          now != null
              && target.offset() == now.offset()
              && !target.metadata().equals(now.metadata());
      if (forward || moreAcked) {
        offsets.put(partition, target);
      }
    }
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
  }

  /** Commits exactly these positions (a seek's), backwards too. */
  synchronized void commitPositions(Map<Integer, Long> positions) {
    lastUsedNanos = System.nanoTime();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : consumer.assignment()) {
      Long position = positions.get(partition.partition());
      if (position != null) {
        offsets.put(partition, new OffsetAndMetadata(position));
      }
    }
    consumer.commitSync(offsets);
  }

  long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  @Override
  public synchronized void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
