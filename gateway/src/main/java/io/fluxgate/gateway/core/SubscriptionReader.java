package io.fluxgate.gateway.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Long-poll reads of one subscription topic for the HTTP API: takes up to {@code max} records, puts
 * back (seeks to) what it did not take, and commits what it took to the subscription's consumer
 * group, so that the next call on any gateway instance continues from there.
 *
 * <p>A {@link Consumer} is single-threaded: calls on one subscription are serialised by a lock, and
 * a caller that cannot get it within its own timeout receives nothing rather than waiting behind
 * another long poll.
 */
final class SubscriptionReader implements AutoCloseable {
  private final Consumer<String, byte[]> consumer;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile long lastUsedNanos = System.nanoTime();

  SubscriptionReader(Consumer<String, byte[]> consumer, String topic) {
    this.consumer = consumer;
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      // Assigning nothing would make every poll throw; refuse now so the reader is not kept.
      throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist yet");
    }
    consumer.assign(partitions);
  }

  /** Waits up to {@code timeout} for records and returns at most {@code max} of them. */
  List<ConsumerRecord<String, byte[]>> poll(int max, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return List.of();
    }
    try {
      lastUsedNanos = System.nanoTime();
      resumeFromCommitted();
      List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
      do {
        long remaining = Math.max(0, deadline - System.nanoTime());
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofNanos(remaining));
        take(records, max, taken);
      } while (taken.isEmpty() && System.nanoTime() < deadline);
      commit(taken);
      lastUsedNanos = System.nanoTime();
      return taken;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Another gateway instance may have served this subscription since our last call: continue from
   * the group's committed offsets, not from where this consumer happened to stop.
   */
  private void resumeFromCommitted() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset != null && offset.offset() != consumer.position(partition)) {
        consumer.seek(partition, offset);
      }
    }
  }

  private void take(
      ConsumerRecords<String, byte[]> records,
      int max,
      List<ConsumerRecord<String, byte[]>> taken) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (taken.size() >= max) {
          // Put back the rest of this partition; later partitions were not touched either.
          consumer.seek(partition, record.offset());
          break;
        }
        taken.add(record);
      }
    }
  }

  private void commit(List<ConsumerRecord<String, byte[]>> taken) {
    if (taken.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : taken) {
      offsets.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    consumer.commitSync(offsets);
  }

  long idleNanos() {
    return lock.isLocked() ? 0 : System.nanoTime() - lastUsedNanos;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      consumer.close(Duration.ofSeconds(5));
    } finally {
      lock.unlock();
    }
  }
}
