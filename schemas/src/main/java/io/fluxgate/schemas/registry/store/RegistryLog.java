package io.fluxgate.schemas.registry.store;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The registry's durable, totally ordered record of changes, shared by every registry instance.
 * Records are opaque key/value bytes; a {@code null} value is a tombstone. The registry keeps its
 * state by applying every record, in log order, through a {@link RecordSink}.
 *
 * <p>Writes are exclusive across all instances: {@link #append} makes its decision on a state that
 * includes every change committed anywhere before, and if another instance writes in between, the
 * decision is thrown away and made again. This is what keeps schema ids and versions unique when
 * several gateways register at the same moment.
 */
public interface RegistryLog extends Closeable {

  /** Receives the log's records in order, from one thread at a time. */
  @FunctionalInterface
  interface RecordSink {
    void apply(byte[] key, byte[] value);
  }

  /** One record to append. */
  record Entry(byte[] key, byte[] value) {}

  /** What a decision appends, and what {@link #append} then returns. */
  record Proposal<T>(List<Entry> entries, T result) {}

  /**
   * Starts reading: every record already in the log is passed to {@code sink} before this returns,
   * and later ones as they are committed.
   *
   * @throws RegistryLogException when the log cannot be read in time
   */
  void start(RecordSink sink);

  /**
   * Waits until every record committed before this call has been passed to the sink, so that a read
   * after it sees writes made on other instances.
   *
   * @throws RegistryLogException when that takes longer than {@code timeout}
   */
  void awaitCaughtUp(Duration timeout);

  /**
   * Appends exclusively: waits until caught up, calls {@code decide} (which reads the state the
   * sink built), appends its entries atomically, and returns once they have been passed to the
   * sink. {@code decide} may run more than once when another instance writes first; it must not
   * have side effects other than reading state. A proposal without entries appends nothing.
   *
   * @throws RegistryLogException when the log cannot be written in time
   */
  <T> T append(Supplier<Proposal<T>> decide);
}
