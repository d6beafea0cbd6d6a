package io.fluxgate.processor.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one deployed topology did on this instance, for its status: events it read (matched its
 * inputs), events it could not decode, and result events it published. Shared by its tasks.
 */
public final class TopologyCounters {
  private final AtomicLong selected = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final AtomicLong published = new AtomicLong();

  void selected() {
    selected.incrementAndGet();
  }

  void undecodable() {
    undecodable.incrementAndGet();
  }

  void published() {
    published.incrementAndGet();
  }

  public long selectedCount() {
    return selected.get();
  }

  public long undecodableCount() {
    return undecodable.get();
  }

  public long publishedCount() {
    return published.get();
  }
}
