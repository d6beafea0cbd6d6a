package io.fluxgate.core.glob;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Bounded, thread-safe memo of event type to match result. Event types are few while events are
 * many, so the fan-out mostly hits this memo; but a stream of never-seen types must not cost much
 * either. So it is a fixed table of slots, grouped in buckets of {@link #WAYS} by the key's hash: a
 * lookup reads at most one bucket, and an insert moves the bucket's entries down one slot (dropping
 * the oldest) and writes the new entry first. No lock, no resizing, no clearing, one allocation per
 * insert. Entries are immutable and published with release/acquire, so a reader sees a whole entry
 * or none; racing inserts may drop or duplicate an entry, which only costs a later recomputation.
 * Four ways keep a working set well below the slot count from evicting itself, the way a
 * whole-table clear or a direct-mapped table would. Beside the slots a plain array keeps each
 * entry's hash, so that a miss reads one cache line rather than every entry of the bucket; it is
 * only a hint (a racing reader may see a hash that disagrees with the slot), and every hit is
 * confirmed on the entry itself.
 */
final class MatchMemo<T> {

  /** Event types longer than this are invalid anyway; not caching them bounds memory per entry. */
  private static final int MAX_KEY_LENGTH = 255;

  static final int WAYS = 4;

  private final AtomicReferenceArray<Entry<T>> slots;
  private final int[] hashes;
  private final int ways;
  private final int bucketMask;

  /**
   * A memo of at most {@code capacity} entries; the slot count is {@code capacity} rounded down to
   * a power of two.
   */
  MatchMemo(int capacity) {
    int length = Integer.highestOneBit(Math.max(1, capacity));
    this.slots = new AtomicReferenceArray<>(length);
    this.hashes = new int[length];
    this.ways = Math.min(WAYS, length);
    this.bucketMask = length / ways - 1;
  }

  Set<T> get(String eventType) {
    int hash = eventType.hashCode();
    int first = bucket(hash);
    for (int i = first; i < first + ways; i++) {
      if (hashes[i] == hash) {
        Entry<T> entry = slots.getAcquire(i);
        if (entry != null && entry.hash == hash && entry.eventType.equals(eventType)) {
          return entry.result;
        }
      }
    }
    return null;
  }

  void put(String eventType, Set<T> result) {
    if (eventType.length() > MAX_KEY_LENGTH) {
      return;
    }
    int hash = eventType.hashCode();
    int first = bucket(hash);
    for (int i = first + ways - 1; i > first; i--) {
      Entry<T> older = slots.getAcquire(i - 1);
      if (older != null) {
        slots.setRelease(i, older);
        hashes[i] = older.hash;
      }
    }
    slots.setRelease(first, new Entry<>(eventType, hash, result));
    hashes[first] = hash;
  }

  /** How many slots hold an entry; for tests. */
  int size() {
    int size = 0;
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) != null) {
        size++;
      }
    }
    return size;
  }

  /** The first slot of the bucket for {@code hash}. */
  private int bucket(int hash) {
    return ((hash ^ (hash >>> 16)) & bucketMask) * ways;
  }

  private record Entry<T>(String eventType, int hash, Set<T> result) {}
}
