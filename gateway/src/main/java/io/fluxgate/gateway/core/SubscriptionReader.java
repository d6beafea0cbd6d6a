package io.fluxgate.gateway.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Long-poll reads of one subscription topic for the HTTP API: takes up to {@code max} records and
 * puts back (seeks to) what it did not take. What it took is committed to the subscription's
 * consumer group only once the caller has written it to the client ({@link Batch#commit()}), so a
 * response that never reaches the client is delivered again; every poll continues from the group's
 * committed offsets, so the next call may go to any gateway instance.
 *
 * <p>A {@link Consumer} is single-threaded: one batch at a time per subscription on this instance,
 * from the poll until the batch is closed; a caller that cannot get its turn within its own timeout
 * receives nothing rather than waiting behind another long poll. The turn is a semaphore, not a
 * lock, because the response may be written on another thread than the one that polled.
 */
final class SubscriptionReader implements AutoCloseable {
  private final Consumer<String, byte[]> consumer;
  private final Semaphore turn = new Semaphore(1);

  /** The group's committed offsets when the batch in flight was polled (null: none). */
  private volatile Map<TopicPartition, OffsetAndMetadata> committedAtPoll = Map.of();

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

  /**
   * Waits up to {@code timeout} for records and returns at most {@code max} of them, as a batch
   * that holds this subscription's turn until it is closed.
   */
  Batch poll(int max, Duration timeout) throws InterruptedException {
    return poll(max, timeout, 0, dropped -> {});
  }

  /**
   * As {@link #poll(int, Duration)}, for a {@code drop_oldest} subscription whose queue holds at
   * most {@code maxQueueSize} events (0: unbounded): before reading, the oldest events past the
   * bound are skipped, the group's offsets committed past them, and their number given to {@code
   * onDropped}.
   */
  Batch poll(int max, Duration timeout, long maxQueueSize, LongConsumer onDropped)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!turn.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      return Batch.EMPTY;
    }
    Batch batch = null;
    try {
      lastUsedNanos = System.nanoTime();
      resumeFromCommitted();
      if (maxQueueSize > 0) {
        dropOldest(maxQueueSize, onDropped);
      }
      List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
      do {
        long remaining = Math.max(0, deadline - System.nanoTime());
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofNanos(remaining));
        take(records, max, taken);
      } while (taken.isEmpty() && System.nanoTime() < deadline);
      batch = taken.isEmpty() ? Batch.EMPTY : new Batch(this, taken);
      return batch;
    } finally {
      if (batch == null || batch == Batch.EMPTY) {
        release();
      }
    }
  }

  /**
   * Another gateway instance may have served this subscription since our last call, or our last
   * response may not have reached its client: continue from the group's committed offsets, not from
   * where this consumer happened to stop.
   */
  private void resumeFromCommitted() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(assigned);
    committedAtPoll = new HashMap<>(committed);
    List<TopicPartition> neverCommitted = new ArrayList<>();
    for (TopicPartition partition : assigned) {
      OffsetAndMetadata offset = committed.get(partition);
      if (offset == null) {
        neverCommitted.add(partition);
      } else if (offset.offset() != consumer.position(partition)) {
        consumer.seek(partition, offset);
      }
    }
    // Nothing delivered from these yet: the subscription topic starts at its beginning.
    if (!neverCommitted.isEmpty()) {
      consumer.seekToBeginning(neverCommitted);
    }
  }

  /**
   * Skips what lies past the bound, oldest first in each partition ({@link QueueTrim}), and commits
   * the new positions so that every instance continues from there. The queue is counted in offsets
   * up to the last stable offset, as the stats count it.
   */
  private void dropOldest(long maxQueueSize, LongConsumer onDropped) {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
    Map<TopicPartition, Long> positions = new HashMap<>();
    Map<TopicPartition, Long> queues = new HashMap<>();
    for (TopicPartition partition : assigned) {
      long position = consumer.position(partition);
      positions.put(partition, position);
      queues.put(partition, Math.max(0, ends.getOrDefault(partition, position) - position));
    }
    Map<TopicPartition, Long> skips = QueueTrim.skips(queues, maxQueueSize);
    if (skips.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    long dropped = 0;
    for (Map.Entry<TopicPartition, Long> skip : skips.entrySet()) {
      long target = positions.get(skip.getKey()) + skip.getValue();
      offsets.put(skip.getKey(), new OffsetAndMetadata(target));
      dropped += skip.getValue();
    }
    consumer.commitSync(offsets);
    offsets.forEach(consumer::seek);
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>(committedAtPoll);
    committed.putAll(offsets);
    committedAtPoll = committed;
    onDropped.accept(dropped);
  }

  private void take(
      ConsumerRecords<String, byte[]> records,
      int max,
      List<ConsumerRecord<String, byte[]>> taken) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (taken.size() >= max) {
          // Put back the rest of this partition; later partitions are put back the same way.
          consumer.seek(partition, record.offset());
          break;
        }
        taken.add(record);
      }
    }
  }

  private void commit(List<ConsumerRecord<String, byte[]>> taken) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : taken) {
      offsets.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    if (movedSincePoll(offsets.keySet())) {
      // A seek (or another instance) moved the group since this batch was polled: committing
      // would move it back. The batch counts as not delivered; the next poll starts from there.
      return;
    }
    consumer.commitSync(offsets);
  }

  /**
   * Whether the group's committed offsets changed since the poll. The check and the commit are two
   * requests, so a seek landing between them is still overwritten; that window is one round trip.
   */
  private boolean movedSincePoll(Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> now = consumer.committed(partitions);
    for (TopicPartition partition : partitions) {
      if (!offsetOf(now.get(partition)).equals(offsetOf(committedAtPoll.get(partition)))) {
        return true;
      }
    }
    return false;
  }

  private static Long offsetOf(OffsetAndMetadata committed) {
    return committed == null ? Long.valueOf(-1) : Long.valueOf(committed.offset());
  }

  private void release() {
    lastUsedNanos = System.nanoTime();
    turn.release();
  }

  long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  @Override
  public void close() {
    // Wait for a batch in flight, but not forever: a response stuck on a dead client must not
    // keep the consumer open.
    boolean acquired = false;
    try {
      acquired = turn.tryAcquire(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(5));
    if (acquired) {
      turn.release();
    }
  }

  /** Records taken by one poll; holds the subscription's turn until closed. */
  static final class Batch implements AutoCloseable {
    static final Batch EMPTY = new Batch(null, List.of());

    private final SubscriptionReader reader;
    private final List<ConsumerRecord<String, byte[]>> records;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Batch(SubscriptionReader reader, List<ConsumerRecord<String, byte[]>> records) {
      this.reader = reader;
      this.records = List.copyOf(records);
    }

    List<ConsumerRecord<String, byte[]>> records() {
      return records;
    }

    /** Commits the batch: call after the client has been sent every record of it. */
    void commit() {
      if (reader != null && open.get()) {
        reader.commit(records);
      }
    }

    /** Gives the subscription's turn back; without a commit, the batch will be delivered again. */
    @Override
    public void close() {
      if (reader != null && open.compareAndSet(true, false)) {
        reader.release();
      }
    }
  }
}
