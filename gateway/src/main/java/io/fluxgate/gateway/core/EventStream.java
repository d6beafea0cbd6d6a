package io.fluxgate.gateway.core;

import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-sent event stream of a subscription: its own consumer, assigned every partition of the
 * subscription topic and already positioned, writes each event as a message whose {@code id} is the
 * {@link StreamPosition} just after it; a comment line goes out after every {@code heartbeat}
 * without other traffic. What has been flushed to the connection is committed to the subscription's
 * consumer group every {@code commitInterval} and when the stream ends, so a long poll or a Kafka
 * consumer of the group continues after it.
 *
 * <p>While the subscription is paused the stream sends heartbeats only (and one {@code paused}
 * comment), and continues where it stood once resumed. A {@code drop_oldest} subscription whose
 * queue behind the stream (end offsets minus the stream's position) exceeds {@code max_queue_size}
 * skips its oldest events at each commit interval, counted as dropped, as a long poll would.
 *
 * <p>The stream ends when the client goes away (a write fails), when the subscription is deleted,
 * or on {@link #stop()}; it closes its consumer in any case. The consumer is used by the thread
 * that runs the stream only.
 */
public final class EventStream {
  static final String EVENT_NAME = "event";
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  /** Upper bound of one wait for records, so that the loop looks at its timers often enough. */
  private static final long MAX_POLL_NANOS = Duration.ofMillis(500).toNanos();

  private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final String subscriptionId;
  private final StreamPosition start;
  private final EventRenderer renderer;
  private final Supplier<Optional<Subscription>> current;
  private final PublishFlowControl.Counter drops;
  private final long heartbeatNanos;
  private final long commitIntervalNanos;
  private final Runnable onClose;
  private final AtomicBoolean claimed = new AtomicBoolean();
  private volatile boolean stopping;

  EventStream(
      Consumer<String, byte[]> consumer,
      String topic,
      String subscriptionId,
      StreamPosition start,
      EventRenderer renderer,
      Supplier<Optional<Subscription>> current,
      PublishFlowControl.Counter drops,
      Duration heartbeat,
      Duration commitInterval,
      Runnable onClose) {
    this.consumer = consumer;
    this.topic = topic;
    this.subscriptionId = subscriptionId;
    this.start = start;
    this.renderer = renderer;
    this.current = current;
    this.drops = drops;
    this.heartbeatNanos = heartbeat.toNanos();
    this.commitIntervalNanos = commitInterval.toNanos();
    this.onClose = onClose;
  }

  public StreamPosition start() {
    return start;
  }

  /**
   * Streams to {@code out} until the client goes away, the subscription ends or {@link #stop()}.
   */
  public void run(OutputStream out) throws IOException {
    if (!claimed.compareAndSet(false, true)) {
      return; // closed before it ran: the gateway is stopping
    }
    StreamPosition delivered = start;
    StreamPosition committed = start;
    try (EventJsonBuffer json = new EventJsonBuffer(renderer)) {
      SseWriter sse = new SseWriter(out);
      // Sends the headers at once: the client knows the stream is open before any event.
      sse.comment("subscription " + subscriptionId);
      sse.flush();
      StreamPosition position = start;
      long lastWrite = System.nanoTime();
      long lastCommit = lastWrite;
      boolean paused = false;
      while (!stopping) {
        Optional<Subscription> subscription = current.get();
        if (subscription.isEmpty()) {
          break;
        }
        if (subscription.get().paused() != paused) {
          paused = subscription.get().paused();
          pauseOrResume(paused, sse);
        }
        long now = System.nanoTime();
        long wait = Math.min(lastWrite + heartbeatNanos, lastCommit + commitIntervalNanos) - now;
        Iterable<ConsumerRecord<String, byte[]>> records;
        try {
          records = consumer.poll(Duration.ofNanos(Math.max(0, Math.min(wait, MAX_POLL_NANOS))));
        } catch (WakeupException e) {
          break;
        }
        boolean wrote = false;
        for (ConsumerRecord<String, byte[]> record : records) {
          position = position.advance(record.partition(), record.offset() + 1);
          if (json.render(record)) {
            sse.event(EVENT_NAME, position.encode(), json);
            wrote = true;
          }
        }
        now = System.nanoTime();
        if (wrote) {
          sse.flush();
          lastWrite = now;
        } else if (now - lastWrite >= heartbeatNanos) {
          sse.comment("heartbeat");
          sse.flush();
          lastWrite = now;
        }
        // Records skipped as expired or undecodable count as delivered: no one will get them.
        delivered = position;
        if (now - lastCommit >= commitIntervalNanos) {
          if (!paused && subscription.get().backpressure() == Backpressure.DROP_OLDEST) {
            position = dropOldest(position, subscription.get().maxQueueSize());
            delivered = position;
          }
          committed = commit(delivered, committed);
          lastCommit = now;
        }
      }
    } catch (IOException e) {
      LOG.debug("Stream of subscription {} ended by its client: {}", subscriptionId, e.toString());
    } finally {
      try {
        commit(delivered, committed);
      } finally {
        close();
      }
    }
  }

  /**
   * Stops or restarts fetching; a paused stream keeps polling (for heartbeats and commits) but
   * receives nothing.
   */
  private void pauseOrResume(boolean paused, SseWriter sse) throws IOException {
    if (paused) {
      consumer.pause(consumer.assignment());
      sse.comment("paused");
      sse.flush();
    } else {
      consumer.resume(consumer.assignment());
    }
  }

  /**
   * Skips what lies past the bound behind the stream, oldest first in each partition ({@link
   * QueueTrim}), and returns the position after the skip. A failure to read the end offsets skips
   * nothing this time.
   */
  private StreamPosition dropOldest(StreamPosition position, long maxQueueSize) {
    Map<TopicPartition, Long> ends;
    try {
      ends = consumer.endOffsets(consumer.assignment(), END_OFFSETS_TIMEOUT);
    } catch (KafkaException e) {
      LOG.debug("Could not read the end offsets of {}: {}", topic, e.toString());
      return position;
    }
    Map<TopicPartition, Long> queues = new HashMap<>();
    ends.forEach(
        (partition, end) -> queues.put(partition, Math.max(0, end - consumer.position(partition))));
    Map<TopicPartition, Long> skips = QueueTrim.skips(queues, maxQueueSize);
    long dropped = 0;
    StreamPosition moved = position;
    for (Map.Entry<TopicPartition, Long> skip : skips.entrySet()) {
      long target = consumer.position(skip.getKey()) + skip.getValue();
      consumer.seek(skip.getKey(), target);
      moved = moved.advance(skip.getKey().partition(), target);
      dropped += skip.getValue();
    }
    if (dropped > 0) {
      drops.record(subscriptionId, FlowCounts.droppedFromQueue(dropped));
    }
    return moved;
  }

  /** Ends the stream soon, from any thread; closes it at once if it has not started running. */
  public void stop() {
    stopping = true;
    if (claimed.compareAndSet(false, true)) {
      close();
    } else {
      consumer.wakeup();
    }
  }

  /**
   * Commits the partitions that moved since {@code committed}; returns what is now committed. A
   * failed commit is retried at the next interval: the stream itself does not depend on it.
   */
  private StreamPosition commit(StreamPosition delivered, StreamPosition committed) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    delivered
        .nextOffsets()
        .forEach(
            (partition, offset) -> {
              if (!offset.equals(committed.nextOffsets().get(partition))) {
                offsets.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset));
              }
            });
    if (offsets.isEmpty()) {
      return committed;
    }
    try {
      consumer.commitSync(offsets);
      return delivered;
    } catch (WakeupException e) {
      // stop() raced the commit: try once more, the stream is ending anyway.
      return commit(delivered, committed);
    } catch (KafkaException e) {
      LOG.warn("Could not commit the stream of subscription {}: {}", subscriptionId, e.toString());
      return committed;
    }
  }

  private void close() {
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (KafkaException e) {
      LOG.warn("Could not close the stream of subscription {}: {}", subscriptionId, e.toString());
    } finally {
      onClose.run();
    }
  }
}
