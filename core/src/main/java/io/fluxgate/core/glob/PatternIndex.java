package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Many patterns compiled together: which targets match an event type, without trying each pattern
 * in turn. Exact patterns are a hash lookup; all others share one segment trie walked once per
 * event type; results are memoised per event type since the fan-out asks for every event.
 * Immutable, thread-safe.
 *
 * <pre>{@code
 * PatternIndex<String> index = PatternIndex.<String>builder()
 *     .add("audit", "**")
 *     .add("agents", "agent.*")
 *     .add("agents", "agent.execution.completed")
 *     .build();
 * index.match("agent.started"); // [audit, agents]
 * }</pre>
 *
 * @param <T> the target type, e.g. a subscription id; compared with equals/hashCode
 */
public final class PatternIndex<T> {

  static final int MEMO_CAPACITY = 16_384;

  private static final PatternIndex<Object> EMPTY =
      new PatternIndex<>(Map.of(), new SegmentTrie.Builder<>().build(), 0);

  private final Map<String, Set<T>> exact;
  private final SegmentTrie<T> trie;
  private final int patternCount;
  private final MatchMemo<T> memo = new MatchMemo<>(MEMO_CAPACITY);

  private PatternIndex(Map<String, Set<T>> exact, SegmentTrie<T> trie, int patternCount) {
    this.exact = exact;
    this.trie = trie;
    this.patternCount = patternCount;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @SuppressWarnings("unchecked") // holds no target, so it serves every T
  public static <T> PatternIndex<T> empty() {
    return (PatternIndex<T>) EMPTY;
  }

  /**
   * The targets with at least one pattern matching {@code eventType}, each once, in no particular
   * order. The set is unmodifiable.
   */
  public Set<T> match(String eventType) {
    Objects.requireNonNull(eventType, "eventType");
    if (patternCount == 0) {
      return Set.of();
    }
    Set<T> cached = memo.get(eventType);
    if (cached != null) {
      return cached;
    }
    Set<T> result = trie.collect(eventType, exact.getOrDefault(eventType, Set.of()));
    memo.put(eventType, result);
    return result;
  }

  public boolean isEmpty() {
    return patternCount == 0;
  }

  /** How many (target, pattern) pairs were added, duplicates included. */
  public int patternCount() {
    return patternCount;
  }

  /** Collects (target, pattern) pairs; not thread-safe, and may build several indexes. */
  public static final class Builder<T> {
    private final List<Map.Entry<T, GlobPattern>> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Compiles {@code pattern} and adds it for {@code target}.
     *
     * @throws InvalidPatternException if the pattern does not compile
     */
    public Builder<T> add(T target, String pattern) {
      return add(target, GlobPattern.compile(pattern));
    }

    public Builder<T> add(T target, GlobPattern pattern) {
      entries.add(
          Map.entry(Objects.requireNonNull(target, "target"), Objects.requireNonNull(pattern)));
      return this;
    }

    public PatternIndex<T> build() {
      Map<String, Set<T>> exact = new HashMap<>();
      SegmentTrie.Builder<T> trie = new SegmentTrie.Builder<>();
      for (Map.Entry<T, GlobPattern> entry : entries) {
        GlobPattern pattern = entry.getValue();
        if (pattern.isExact()) {
          exact
              .computeIfAbsent(pattern.exactEventType(), k -> new LinkedHashSet<>())
              .add(entry.getKey());
        } else {
          pattern.alternatives().forEach(segments -> trie.add(segments, entry.getKey()));
        }
      }
      Map<String, Set<T>> frozen = new HashMap<>();
      exact.forEach((type, targets) -> frozen.put(type, Collections.unmodifiableSet(targets)));
      return new PatternIndex<>(frozen, trie.build(), entries.size());
    }
  }
}
