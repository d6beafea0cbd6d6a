package io.fluxgate.schemas.registry.store;

import io.fluxgate.schemas.registry.store.RegistryLog.RecordSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log's only reader: a thread that passes every committed record of the topic's single
 * partition, from the beginning and in order, to the sink, and publishes how far it has got so that
 * callers can wait for a given offset to have been applied.
 *
 * <p>The consumer must read committed records only; it is used by this thread alone.
 */
final class RegistryLogReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryLogReader.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final Consumer<byte[], byte[]> consumer;
  private final TopicPartition partition;
  private final RecordSink sink;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();
  private long position; // guarded by lock: the offset of the next record to apply
  private boolean closed; // guarded by lock

  RegistryLogReader(
      Consumer<byte[], byte[]> consumer,
      TopicPartition partition,
      RecordSink sink,
      String threadName) {
    this.consumer = consumer;
    this.partition = partition;
    this.sink = sink;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts reading from the beginning of the partition. */
  void start() {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    thread.start();
  }

  /** The offset of the next record to pass to the sink. */
  long position() {
    lock.lock();
    try {
      return position;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until every record before {@code offset} has been passed to the sink.
   *
   * @throws RegistryLogException when the deadline passes first or the reader is closed
   */
  void awaitPosition(long offset, long deadlineNanos) {
    lock.lock();
    try {
      while (position < offset) {
        if (closed) {
          throw new RegistryLogException("the registry log is closed", false, null);
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          throw new RegistryLogException(
              "the registry log reader is at offset "
                  + position
                  + " and has not reached "
                  + offset
                  + " in time",
              true,
              null);
        }
        advanced.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryLogException("interrupted while reading the registry log", false, e);
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    try {
      while (stopped.getCount() > 0) {
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
            apply(record);
          }
          // Not the last record's offset + 1: the position also moves past transaction markers and
          // aborted records, and the last stable offset counts them.
          advanceTo(consumer.position(partition, POLL_TIMEOUT));
        } catch (TimeoutException e) {
          LOG.debug("Registry log position not known yet: {}", e.getMessage());
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Keep going: callers see a reader that does not advance as timeouts.
          LOG.error("Registry log reader failed; retrying in {}", RETRY_PAUSE, e);
          stopped.await(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // close() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record) {
    try {
      sink.apply(record.key(), record.value());
    } catch (RuntimeException e) {
      // One unreadable record must not stop the registry from reading all the others.
      LOG.error(
          "Registry log sink refused the record at offset {} of {}; skipping it",
          record.offset(),
          partition,
          e);
    }
  }

  private void advanceTo(long next) {
    lock.lock();
    try {
      if (next > position) {
        position = next;
        advanced.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread, closes the consumer and fails every waiter. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      advanced.signalAll();
    } finally {
      lock.unlock();
    }
    stopped.countDown();
    if (!thread.isAlive()) {
      if (thread.getState() == Thread.State.NEW) {
        consumer.close(Duration.ZERO);
      }
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
