package io.fluxgate.core.glob;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The trie states active while matching one event type: a set by identity, in insertion order.
 * Usually a handful of states, so membership is a scan of a small array, which costs less than
 * hashing and allocates nothing; past {@link #SCAN_LIMIT} elements (many {@code **} patterns active
 * at once) an identity hash set takes over so adding stays constant time. Not thread-safe: one
 * match uses its own instances.
 */
final class ActiveSet<E> {

  static final int SCAN_LIMIT = 16;

  private static final int INITIAL_CAPACITY = 8;
  static final int RETAINED_CAPACITY = 64;

  private Object[] elements = new Object[INITIAL_CAPACITY];
  private int size;
  private Set<Object> index;

  /** Adds {@code element} unless this set holds that very object; returns whether it was added. */
  boolean add(E element) {
    if (index != null) {
      if (!index.add(element)) {
        return false;
      }
    } else {
      for (int i = 0; i < size; i++) {
        if (elements[i] == element) {
          return false;
        }
      }
      if (size == SCAN_LIMIT) {
        index = Collections.newSetFromMap(new IdentityHashMap<>());
        index.addAll(Arrays.asList(elements).subList(0, size));
        index.add(element);
      }
    }
    if (size == elements.length) {
      elements = Arrays.copyOf(elements, size * 2);
    }
    elements[size++] = element;
    return true;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The element added {@code i}-th, from 0. */
  @SuppressWarnings("unchecked") // only Es are added
  E get(int i) {
    return (E) elements[i];
  }

  /**
   * Empties the set, keeping its array for reuse unless a rare large walk grew it past {@link
   * #RETAINED_CAPACITY}: a set kept per thread should not hold on to that much.
   */
  void clear() {
    if (elements.length > RETAINED_CAPACITY) {
      elements = new Object[INITIAL_CAPACITY];
    } else {
      Arrays.fill(elements, 0, size, null);
    }
    size = 0;
    index = null;
  }
}
