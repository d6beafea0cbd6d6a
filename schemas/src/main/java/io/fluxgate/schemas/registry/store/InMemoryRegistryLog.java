package io.fluxgate.schemas.registry.store;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A {@link RegistryLog} in memory, for tests and single-process use: a list of entries, appends
 * serialized by one monitor, every started sink fed in order. Several registry instances may share
 * one log, each starting it with its own sink; all of them have applied an append when it returns.
 * {@link #failWith} makes every call fail as a broken store would, and {@link #compacted} keeps
 * only the last value per key, as Kafka's log compaction eventually does.
 *
 * <pre>{@code
 * InMemoryRegistryLog log = new InMemoryRegistryLog();
 * SchemaRegistryService first = new SchemaRegistryService(log);
 * SchemaRegistryService second = new SchemaRegistryService(log);
 * }</pre>
 */
public final class InMemoryRegistryLog implements RegistryLog {
  private final List<Entry> entries = new ArrayList<>();
  private final List<Reader> readers = new ArrayList<>();
  private RegistryLogException failure;
  private boolean closed;

  public InMemoryRegistryLog() {}

  private InMemoryRegistryLog(List<Entry> entries) {
    this.entries.addAll(entries);
  }

  @Override
  public synchronized void start(RecordSink sink) {
    requireUsable();
    Reader reader = new Reader(sink);
    readers.add(reader);
    reader.catchUp();
  }

  @Override
  public synchronized void awaitCaughtUp(Duration timeout) {
    requireUsable();
    readers.forEach(Reader::catchUp);
  }

  @Override
  public synchronized <T> T append(Supplier<Proposal<T>> decide) {
    requireUsable();
    readers.forEach(Reader::catchUp);
    Proposal<T> proposal = decide.get();
    for (Entry entry : proposal.entries()) {
      entries.add(copy(entry));
    }
    readers.forEach(Reader::catchUp);
    return proposal.result();
  }

  /** Every entry appended so far, in order. */
  public synchronized List<Entry> entries() {
    return entries.stream().map(InMemoryRegistryLog::copy).toList();
  }

  /**
   * Makes every later call throw {@code failure}, as a store that is down or slow would; {@code
   * null} heals it.
   */
  public synchronized void failWith(RegistryLogException failure) {
    this.failure = failure;
  }

  /**
   * A new, unstarted log holding only the last value of each key, in the order of those last
   * values, tombstones dropped: what a fully compacted topic holds.
   */
  public synchronized InMemoryRegistryLog compacted() {
    Map<ByteBuffer, Entry> last = new LinkedHashMap<>();
    for (Entry entry : entries) {
      ByteBuffer key = ByteBuffer.wrap(entry.key());
      last.remove(key);
      last.put(key, entry);
    }
    return new InMemoryRegistryLog(last.values().stream().filter(e -> e.value() != null).toList());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void requireUsable() {
    if (closed) {
      throw new RegistryLogException("the registry log is closed", false, null);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Entry copy(Entry entry) {
    return new Entry(entry.key().clone(), entry.value() == null ? null : entry.value().clone());
  }

  /** One started sink and how far it has read. */
  private final class Reader {
    private final RecordSink sink;
    private int position;

    Reader(RecordSink sink) {
      this.sink = sink;
    }

    void catchUp() {
      while (position < entries.size()) {
        Entry entry = copy(entries.get(position++));
        sink.apply(entry.key(), entry.value());
      }
    }
  }
}
