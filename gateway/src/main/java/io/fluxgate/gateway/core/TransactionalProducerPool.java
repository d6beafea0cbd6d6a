package io.fluxgate.gateway.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Producer;

/**
 * A fixed set of transactional producers for atomic batches. A transactional producer runs one
 * transaction at a time, so each atomic request borrows one. Transactional ids are the instance's
 * prefix plus the slot number: with a stable prefix, a restarted instance fences its predecessor
 * and aborts its open transactions instead of leaving read-committed consumers stuck behind them.
 */
final class TransactionalProducerPool implements AutoCloseable {
  private final IntFunction<Producer<String, byte[]>> factory;
  private final BlockingQueue<Slot> idle;
  private final List<Slot> all = new ArrayList<>();

  /** One pool slot: its number (part of the transactional id) and its current producer. */
  static final class Slot {
    final int number;
    Producer<String, byte[]> producer;

    Slot(int number) {
      this.number = number;
    }
  }

  TransactionalProducerPool(int size, IntFunction<Producer<String, byte[]>> factory) {
    this.factory = factory;
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      Slot slot = new Slot(i);
      all.add(slot);
      idle.add(slot);
    }
  }

  /** A slot with an initialised producer, or null if none frees up within {@code wait}. */
  Slot borrow(Duration wait) throws InterruptedException {
    Slot slot = idle.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (slot != null && slot.producer == null) {
      Producer<String, byte[]> producer = null;
      try {
        producer = factory.apply(slot.number);
        producer.initTransactions();
        slot.producer = producer;
      } catch (RuntimeException e) {
        if (producer != null) {
          producer.close(Duration.ZERO);
        }
        idle.add(slot);
        throw e;
      }
    }
    return slot;
  }

  void giveBack(Slot slot) {
    idle.add(slot);
  }

  /**
   * Closes a producer that can no longer be used (fenced, fatal error); the slot makes a new one.
   */
  void discard(Slot slot) {
    if (slot.producer != null) {
      slot.producer.close(Duration.ZERO);
      slot.producer = null;
    }
    idle.add(slot);
  }

  @Override
  public void close() {
    for (Slot slot : all) {
      if (slot.producer != null) {
        slot.producer.close(Duration.ofSeconds(10));
      }
    }
  }
}
