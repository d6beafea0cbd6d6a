package io.fluxgate.core.glob;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounded, thread-safe memo of event type to match result. Event types are few while events are
 * many, so the fan-out mostly hits this map. When full it is simply cleared: eviction order hardly
 * matters for a low-cardinality key space, and clearing keeps the bound without bookkeeping.
 */
final class MatchMemo<T> {

  /** Event types longer than this are invalid anyway; not caching them bounds memory per entry. */
  private static final int MAX_KEY_LENGTH = 255;

  private final int capacity;
  private final Map<String, Set<T>> results = new ConcurrentHashMap<>();

  MatchMemo(int capacity) {
    this.capacity = capacity;
  }

  Set<T> get(String eventType) {
    return results.get(eventType);
  }

  void put(String eventType, Set<T> result) {
    if (eventType.length() > MAX_KEY_LENGTH) {
      return;
    }
    if (results.size() >= capacity) {
      results.clear();
    }
    results.put(eventType, result);
  }

  int size() {
    return results.size();
  }
}
