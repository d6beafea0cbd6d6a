package io.fluxgate.schemas.registry.store;

import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of {@link KafkaRegistryLog}: a transactional producer whose fixed transactional id
 * is the cluster-wide write lock. It decides on caught-up state, commits the decision in one
 * transaction, and decides again, with a fresh producer and after a short random pause, whenever
 * another instance has taken the lock in between. Appends of one instance take turns.
 */
final class RegistryLogWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryLogWriter.class);
  static final int MAX_ATTEMPTS = 50;
  private static final long FIRST_BACKOFF_MILLIS = 5;
  private static final long MAX_BACKOFF_MILLIS = 250;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** What the writer needs from the read side. */
  interface ReadSide {
    /** Waits until every record committed before this call has been applied. */
    void awaitCaughtUp(long deadlineNanos);

    /** Waits until every record before {@code offset} has been applied. */
    void awaitPosition(long offset, long deadlineNanos);
  }

  private final String topic;
  private final int partition;
  private final Supplier<Producer<byte[], byte[]>> producers;
  private final ReadSide readSide;
  private final Duration timeout;
  private final ReentrantLock turn = new ReentrantLock(true);
  private volatile Producer<byte[], byte[]> producer; // written under turn; null until initialised
  private volatile boolean closed;

  RegistryLogWriter(
      String topic,
      int partition,
      Supplier<Producer<byte[], byte[]>> producers,
      ReadSide readSide,
      Duration timeout) {
    this.topic = topic;
    this.partition = partition;
    this.producers = producers;
    this.readSide = readSide;
    this.timeout = timeout;
  }

  <T> T append(Supplier<Proposal<T>> decide) {
    Objects.requireNonNull(decide, "decide");
    long deadlineNanos = System.nanoTime() + timeout.toNanos();
    awaitTurn(deadlineNanos);
    try {
      for (int attempt = 1; ; attempt++) {
        if (closed) {
          throw new RegistryLogException("the registry log is closed", false, null);
        }
        try {
          return attempt(decide, deadlineNanos);
        } catch (LockLostException e) {
          discardProducer();
          if (attempt >= MAX_ATTEMPTS || System.nanoTime() >= deadlineNanos) {
            throw new RegistryLogException(
                "gave up appending to the registry log after "
                    + attempt
                    + " attempts: other registry instances kept writing first",
                true,
                e.getCause());
          }
          LOG.debug("Registry log write lock taken by another instance; deciding again", e);
          backOff(attempt, deadlineNanos);
        }
      }
    } finally {
      turn.unlock();
    }
  }

  private <T> T attempt(Supplier<Proposal<T>> decide, long deadlineNanos) {
    Producer<byte[], byte[]> holder = lockHolder();
    // Only now: everything committed before we took the lock is below the last stable offset.
    readSide.awaitCaughtUp(deadlineNanos);
    Proposal<T> proposal = Objects.requireNonNull(decide.get(), "decide returned null");
    List<Entry> entries = Objects.requireNonNull(proposal.entries(), "proposal entries");
    if (entries.isEmpty()) {
      return proposal.result();
    }
    entries.forEach(e -> Objects.requireNonNull(e.key(), "a registry log entry needs a key"));
    long last = commit(holder, entries);
    readSide.awaitPosition(last + 1, deadlineNanos);
    return proposal.result();
  }

  /** The producer holding the lock as far as we know; a new one takes it, fencing any other. */
  private Producer<byte[], byte[]> lockHolder() {
    if (producer != null) {
      return producer;
    }
    Producer<byte[], byte[]> fresh;
    try {
      fresh = producers.get();
    } catch (KafkaException e) {
      throw failure("could not create the registry log's producer", e);
    }
    try {
      fresh.initTransactions();
    } catch (KafkaException e) {
      fresh.close(Duration.ZERO);
      if (lostLock(e)) {
        throw new LockLostException(e);
      }
      throw failure("could not take the registry log's write lock", e);
    }
    producer = fresh;
    return fresh;
  }

  /** Appends the entries in one transaction; returns the offset of the last one. */
  private long commit(Producer<byte[], byte[]> holder, List<Entry> entries) {
    try {
      holder.beginTransaction();
      List<Future<RecordMetadata>> sent = new ArrayList<>(entries.size());
      for (Entry entry : entries) {
        sent.add(holder.send(new ProducerRecord<>(topic, partition, entry.key(), entry.value())));
      }
      holder.commitTransaction();
      long last = -1;
      for (Future<RecordMetadata> metadata : sent) {
        last = Math.max(last, metadata.get().offset());
      }
      return last;
    } catch (KafkaException e) {
      if (lostLock(e) || !permanent(e)) {
        // Fenced, timed out, or an error that leaves the outcome unknown (a broker answers
        // UNKNOWN_SERVER_ERROR to an EndTxn racing with another instance's fencing): a fresh
        // producer's initTransactions finishes or aborts whatever this one left open, and the
        // decision is made again on the state that results, so a commit that did land is found
        // there instead of being written twice.
        throw new LockLostException(e);
      }
      abortQuietly(holder);
      discardProducer();
      throw failure("could not append to the registry log", e);
    } catch (ExecutionException e) {
      discardProducer();
      throw new RegistryLogException(
          "could not append to the registry log: " + e.getCause(), false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      discardProducer();
      throw new RegistryLogException("interrupted while appending to the registry log", false, e);
    }
  }

  /**
   * Whether the producer lost the write lock (or its identity) and a fresh one may try again. A
   * commit racing with another instance's fencing gets either a fenced epoch or, when its epoch
   * looks like a retry of the fencing abort, an invalid transaction state: both mean aborted.
   */
  static boolean lostLock(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException
          || t instanceof InvalidProducerEpochException
          || t instanceof InvalidTxnStateException
          || t instanceof TransactionAbortedException
          || t instanceof InvalidPidMappingException
          || t instanceof TransactionAbortableException) {
        return true;
      }
    }
    return false;
  }

  /** Errors that another attempt would meet again: the caller must hear of them at once. */
  static boolean permanent(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthorizationException
          || t instanceof AuthenticationException
          || t instanceof UnsupportedVersionException
          || t instanceof RecordTooLargeException
          || t instanceof SerializationException) {
        return true;
      }
    }
    return false;
  }

  private static RegistryLogException failure(String message, KafkaException e) {
    boolean timedOut = e instanceof TimeoutException || e.getCause() instanceof TimeoutException;
    return new RegistryLogException(message + ": " + e.getMessage(), timedOut, e);
  }

  private void abortQuietly(Producer<byte[], byte[]> holder) {
    try {
      holder.abortTransaction();
    } catch (KafkaException e) {
      LOG.debug("Could not abort the registry log transaction", e);
    }
  }

  private void discardProducer() {
    Producer<byte[], byte[]> old = producer;
    producer = null;
    if (old != null) {
      old.close(Duration.ZERO);
    }
  }

  private void awaitTurn(long deadlineNanos) {
    try {
      if (!turn.tryLock(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new RegistryLogException(
            "other appends on this instance took longer than " + timeout, true, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryLogException("interrupted while waiting to append", false, e);
    }
  }

  /** A random pause growing with the attempts, so that contending instances stop colliding. */
  private static void backOff(int attempt, long deadlineNanos) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(attempt, 16));
    long pause = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    try {
      Thread.sleep(Math.max(0, Math.min(pause, remaining)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryLogException("interrupted while waiting to append", false, e);
    }
  }

  /** Closes the producer, after the append in progress if it ends soon. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      if (turn.tryLock(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        try {
          discardProducer();
        } finally {
          turn.unlock();
        }
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discardProducer();
  }

  /** The lock holder's epoch is gone: another instance (or a zombie of ours) took it. */
  private static final class LockLostException extends RuntimeException {
    LockLostException(KafkaException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
