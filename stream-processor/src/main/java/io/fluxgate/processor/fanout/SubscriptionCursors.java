package io.fluxgate.processor.fanout;

import io.fluxgate.core.subscription.Subscription;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Where each subscription stands on each source partition of one task, and the catch-up that brings
 * a subscription from its start offset to the live path.
 *
 * <p>A cursor is the next source offset still to handle for a subscription, or {@link #LIVE}. When
 * the live path processes offset {@code o}: a cursor equal to {@code o} goes live and receives
 * {@code o}; a cursor after {@code o} waits (the record is before the subscription's start); a
 * cursor before {@code o} catches up by reading {@code [cursor, o)} in bounded steps, and {@code o}
 * is left to that catch-up, so catch-up and live copies never interleave. A wall-clock punctuation
 * runs the same steps up to the next offset the live path processes, never beyond: on a partition
 * that has had no record since the task started, that is the application's committed offset, where
 * the live path resumes (under exactly-once, the offset committed with the cursors it restored).
 * Each step is bounded in records, bytes and time.
 *
 * <p>Catching up shares the stream thread with the live path ({@link CatchUpShare}): after a step
 * that took {@code d}, no task of the thread runs another step for at least {@code d}, from a live
 * record or from punctuation, so live records are not starved while a subscription replays a long
 * history (without that, every live record ran a step, and a subscription starting at {@code
 * earliest} on two million events held every other subscription's copies back for seconds).
 *
 * <p>Cursors live in a logged store, so under exactly-once they commit atomically with the copies
 * they account for; the in-memory {@link PartitionCursors} mirror them so that a partition whose
 * subscriptions are all live routes with no store access.
 */
final class SubscriptionCursors implements AutoCloseable {

  /** The stored cursor of a subscription that receives every record the live path processes. */
  static final long LIVE = -1L;

  private static final char KEY_SEPARATOR = '|';

  /** Receives the copies the catch-up routes. */
  @FunctionalInterface
  interface CopySink {
    void forward(String subscriptionId, Record<byte[], byte[]> event);
  }

  private final KeyValueStore<String, Long> store;
  private final CatchUpConfig config;
  private final Supplier<CatchUpReader> readers;
  private final LiveOffsetLookup liveOffsets;
  private final CopySink sink;
  private final LongSupplier clock;
  private final CatchUpShare share;
  private final Map<TopicPartition, PartitionCursors> partitions = new HashMap<>();
  private PartitionCursors lastPartition;
  private CatchUpReader reader;

  /** {@code share}: of its thread's time catching up may take ({@link CatchUpShare#of}). */
  SubscriptionCursors(
      KeyValueStore<String, Long> store,
      CatchUpConfig config,
      Supplier<CatchUpReader> readers,
      Supplier<CommittedOffsets> committedOffsets,
      CopySink sink,
      LongSupplier clock,
      CatchUpShare share) {
    this.share = share;
    this.store = store;
    this.config = config;
    this.readers = readers;
    this.liveOffsets = new LiveOffsetLookup(committedOffsets, clock);
    this.sink = sink;
    this.clock = clock;
  }

  static String key(String subscriptionId, TopicPartition partition) {
    return subscriptionId
        + KEY_SEPARATOR
        + Subscription.partitionKey(partition.topic(), partition.partition());
  }

  /**
   * Registers the source partitions of the task, so that punctuation catches up on them even if
   * they never receive another record; each waits for its live offset (see {@link #punctuate}).
   */
  void own(Collection<TopicPartition> owned) {
    for (TopicPartition partition : owned) {
      partitions.computeIfAbsent(
          partition, tp -> new PartitionCursors(tp, PartitionCursors.UNKNOWN));
    }
  }

  /** Deletes the cursors of subscriptions deleted while this task was not running. */
  void dropDeleted(RoutingTable table) {
    List<String> stale = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = store.all()) {
      while (all.hasNext()) {
        String key = all.next().key;
        int separator = key.indexOf(KEY_SEPARATOR);
        if (separator < 0 || !table.subscriptions().containsKey(key.substring(0, separator))) {
          stale.add(key);
        }
      }
    }
    stale.forEach(store::delete);
  }

  /**
   * Brings the partition's cursors up to the record the live path is about to route, and returns
   * the partition's state, which tells which subscriptions receive that record.
   */
  PartitionCursors beforeLiveRecord(RoutingTable table, String topic, int partition, long offset) {
    PartitionCursors cursors = partition(topic, partition, offset);
    if (cursors.reconciledWith() != table) {
      reconcile(table, cursors, offset);
    }
    if (!cursors.pending().isEmpty()) {
      advance(table, cursors, offset);
    }
    cursors.nextLiveOffset(offset + 1);
    return cursors;
  }

  /**
   * One catch-up step on every partition, up to the next offset the live path processes. A
   * partition that has had no record since the task started learns that offset, once there is a
   * subscription, from the committed offsets; one without a committed offset waits for its next
   * record, which the live path then reads from the log start or as its reset policy says.
   */
  void punctuate(RoutingTable table) {
    if (!table.subscriptions().isEmpty() && liveOffsets.isDue()) {
      learnLiveOffsets();
    }
    for (PartitionCursors cursors : partitions.values()) {
      if (!cursors.knowsNextLiveOffset()) {
        continue;
      }
      long until = cursors.nextLiveOffset();
      if (cursors.reconciledWith() != table) {
        reconcile(table, cursors, until);
      }
      if (!cursors.pending().isEmpty()) {
        advance(table, cursors, until);
      }
    }
  }

  private void learnLiveOffsets() {
    Set<TopicPartition> unknown = new HashSet<>();
    partitions.forEach(
        (partition, cursors) -> {
          if (!cursors.knowsNextLiveOffset()) {
            unknown.add(partition);
          }
        });
    // The live path may have processed a record meanwhile: what it tells is newer.
    liveOffsets
        .lookUp(unknown)
        .forEach(
            (partition, offset) -> {
              PartitionCursors cursors = partitions.get(partition);
              if (cursors != null && !cursors.knowsNextLiveOffset()) {
                cursors.nextLiveOffset(offset);
              }
            });
  }

  private PartitionCursors partition(String topic, int partition, long offset) {
    PartitionCursors last = lastPartition;
    if (last != null
        && last.partition().partition() == partition
        && last.partition().topic().equals(topic)) {
      return last;
    }
    lastPartition =
        partitions.computeIfAbsent(
            new TopicPartition(topic, partition), tp -> new PartitionCursors(tp, offset));
    return lastPartition;
  }

  /** Gives new subscriptions their cursor and forgets deleted ones. */
  private void reconcile(RoutingTable table, PartitionCursors cursors, long offset) {
    RoutingTable previous = cursors.reconciledWith();
    TopicPartition tp = cursors.partition();
    for (Subscription subscription : table.subscriptions().values()) {
      if (previous != null && previous.subscriptions().containsKey(subscription.id())) {
        continue;
      }
      Long stored = store.get(key(subscription.id(), tp));
      long cursor =
          stored != null
              ? stored
              : StartCursor.initial(subscription, tp.topic(), tp.partition(), offset);
      if (cursor != LIVE) {
        cursors.pending().put(subscription.id(), cursor);
      }
    }
    if (previous != null) {
      for (String id : previous.ids()) {
        if (!table.subscriptions().containsKey(id)) {
          cursors.pending().remove(id);
          store.delete(key(id, tp));
        }
      }
    }
    cursors.reconciledWith(table);
  }

  /**
   * Catches pending subscriptions up towards {@code until}; those that reach it go live. A step
   * that would read waits while the thread owes the live path time ({@link CatchUpShare}): the
   * cursors behind stay where they are and leave the live record to a later step, as an unfinished
   * step does.
   */
  private void advance(RoutingTable table, PartitionCursors cursors, long until) {
    long from = Long.MAX_VALUE;
    for (long cursor : cursors.pending().values()) {
      from = Math.min(from, cursor);
    }
    if (from < until) {
      if (share.mayStep()) {
        long started = share.now();
        catchUp(table, cursors, from, until);
        share.stepped(started);
      }
    }
    Iterator<Map.Entry<String, Long>> pending = cursors.pending().entrySet().iterator();
    while (pending.hasNext()) {
      Map.Entry<String, Long> entry = pending.next();
      if (entry.getValue() == until) {
        store.put(key(entry.getKey(), cursors.partition()), LIVE);
        pending.remove();
      }
    }
  }

  /**
   * One bounded read from the lowest cursor, shared by every subscription catching up here: each
   * record goes to the matching subscriptions whose cursor it has reached.
   */
  private void catchUp(RoutingTable table, PartitionCursors cursors, long from, long until) {
    CatchUpReader.Batch batch =
        reader()
            .read(
                cursors.partition(),
                from,
                until,
                config.maxRecordsPerStep(),
                config.maxBytesPerStep(),
                config.maxStepTime());
    Map<String, Long> pending = cursors.pending();
    long now = clock.getAsLong();
    for (ConsumerRecord<byte[], byte[]> record : batch.records()) {
      if (record.offset() >= until) {
        break;
      }
      String eventType = EventHeaders.eventType(record.headers());
      if (eventType == null || EventHeaders.isExpired(record.headers(), now)) {
        continue;
      }
      for (String id : table.match(eventType)) {
        Long cursor = pending.get(id);
        if (cursor != null && cursor <= record.offset()) {
          sink.forward(
              id, new Record<>(record.key(), record.value(), record.timestamp(), record.headers()));
        }
      }
    }
    long reached = Math.min(until, batch.nextOffset());
    for (Map.Entry<String, Long> entry : pending.entrySet()) {
      if (entry.getValue() < reached) {
        entry.setValue(reached);
        store.put(key(entry.getKey(), cursors.partition()), reached);
      }
    }
  }

  private CatchUpReader reader() {
    if (reader == null) {
      reader = readers.get();
    }
    return reader;
  }

  @Override
  public void close() {
    partitions.clear();
    lastPartition = null;
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
