package io.fluxgate.core.glob;

import java.util.Map;

/**
 * The literal children of one trie node, looked up by a region of the event type rather than by a
 * substring: matching a never-seen event type then allocates no string per segment. Open addressing
 * with linear probing, at most half full. Each slot keeps a tag derived from the key's {@link
 * String#hashCode()}, never 0, which marks an empty slot: a probe reads only the tag array until a
 * tag agrees, so a miss in a large table (the usual case for a never-seen event type) touches one
 * cache line rather than the keys and their text. Immutable.
 */
final class LiteralTable<V> {

  private static final LiteralTable<Object> EMPTY = new LiteralTable<>(Map.of());

  private final int[] tags;
  private final String[] keys;
  private final Object[] values;
  private final int mask;

  private LiteralTable(Map<String, V> entries) {
    int length = Integer.highestOneBit(Math.max(1, entries.size()) * 2) * 2;
    tags = new int[length];
    keys = new String[length];
    values = new Object[length];
    mask = length - 1;
    entries.forEach(this::insert);
  }

  /** A table holding {@code entries}; all empty tables are one shared instance. */
  @SuppressWarnings("unchecked") // the empty table holds no value, so it serves every V
  static <V> LiteralTable<V> of(Map<String, V> entries) {
    return entries.isEmpty() ? (LiteralTable<V>) EMPTY : new LiteralTable<>(entries);
  }

  /**
   * The value for the key equal to {@code text[from, to)}, or null.
   *
   * @param hash the {@link String#hashCode()} of that region, which the caller computes while
   *     finding the region's end
   */
  @SuppressWarnings("unchecked") // only values of type V are inserted
  V get(String text, int from, int to, int hash) {
    int length = to - from;
    int tag = tagOf(hash);
    for (int i = slot(hash); ; i = (i + 1) & mask) {
      int slotTag = tags[i];
      if (slotTag == 0) {
        return null;
      }
      if (slotTag == tag) {
        String key = keys[i];
        if (key.length() == length && text.regionMatches(from, key, 0, length)) {
          return (V) values[i];
        }
      }
    }
  }

  /** The {@link String#hashCode()} of {@code text[from, to)}, computed without a substring. */
  static int hashOf(String text, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + text.charAt(i);
    }
    return hash;
  }

  private void insert(String key, V value) {
    int hash = key.hashCode();
    int i = slot(hash);
    while (tags[i] != 0) {
      i = (i + 1) & mask;
    }
    tags[i] = tagOf(hash);
    keys[i] = key;
    values[i] = value;
  }

  /** The hash itself, except that 0 (which marks an empty slot) becomes 1. */
  private static int tagOf(int hash) {
    return hash == 0 ? 1 : hash;
  }

  private int slot(int hash) {
    // Spread the high bits: string hashes of similar keys differ mostly in their low bits, but
    // short keys with a common prefix can still agree there.
    return (hash ^ (hash >>> 16)) & mask;
  }
}
