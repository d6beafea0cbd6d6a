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

  /**
   * Receives the log's records in order, from one thread at a time. It should not throw; an
   * implementation logs and skips a record its sink throws on.
   */
  @FunctionalInterface
  interface RecordSink {
    void apply(byte[] key, byte[] value);
  }

  /** One record to append; the key must not be {@code null}, a {@code null} value deletes it. */
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
   * have side effects other than reading state. A proposal without entries appends nothing; an
   * exception thrown by {@code decide} reaches the caller unchanged and appends nothing.
   *
   * <p>An append whose commit was answered by a failure may in fact have been written (the answer
   * was lost): it then fails, or decides again on a state that already holds its own entries. So
   * {@code decide} must derive its answer from the state, not assume that an earlier attempt
   * failed: registering a schema that is found already registered returns the existing id.
   *
   * @throws RegistryLogException when the log cannot be written in time ({@link
   *     RegistryLogException#timedOut()}), or the log refuses the write
   */
  <T> T append(Supplier<Proposal<T>> decide);
}
