package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Many segment-split patterns merged into one trie that is run as an NFA. Each node has literal
 * children (a hash lookup), a {@code *} child, a {@code **} child and a few glob-segment children.
 * A node reached through a {@code **} edge loops on any segment, and is active as soon as its
 * parent is (zero segments). Matching reads the event type's segments once while tracking the set
 * of active nodes, so its cost depends on the trie's shape rather than on how many patterns were
 * added. Immutable once built.
 */
final class SegmentTrie<T> {

  private final Node<T> root;

  private SegmentTrie(Node<T> root) {
    this.root = root;
  }

  /**
   * The union of {@code base} and the targets of every pattern that matches {@code eventType},
   * unmodifiable. Returns {@code base} itself, or a node's own target set, when that is the whole
   * answer, so the common cases allocate no result.
   */
  Set<T> collect(String eventType, Set<T> base) {
    Walk walk = WALKS.get();
    try {
      return union(base, run(eventType, walk));
    } finally {
      walk.clear();
    }
  }

  private static <T> Set<T> union(Set<T> base, ActiveSet<Node<T>> active) {
    Set<T> single = base;
    Set<T> union = null;
    for (int i = 0; i < active.size(); i++) {
      Set<T> targets = active.get(i).targets;
      if (targets.isEmpty()) {
        continue;
      }
      if (single.isEmpty()) {
        single = targets;
      } else {
        if (union == null) {
          union = new HashSet<>(single);
        }
        union.addAll(targets);
      }
    }
    return union == null ? single : Collections.unmodifiableSet(union);
  }

  /** Whether any pattern matches {@code eventType}. */
  boolean matchesAny(String eventType) {
    Walk walk = WALKS.get();
    try {
      ActiveSet<Node<T>> active = run(eventType, walk);
      for (int i = 0; i < active.size(); i++) {
        if (!active.get(i).targets.isEmpty()) {
          return true;
        }
      }
      return false;
    } finally {
      walk.clear();
    }
  }

  /**
   * The nodes active after reading every segment of {@code eventType}. Segments are never copied
   * out: each is a region {@code [start, end)} with its hash computed while looking for its end.
   */
  @SuppressWarnings("unchecked") // a walk's sets hold nodes of the trie being walked only
  private ActiveSet<Node<T>> run(String eventType, Walk walk) {
    ActiveSet<Node<T>> active = (ActiveSet<Node<T>>) (ActiveSet<?>) walk.first;
    ActiveSet<Node<T>> next = (ActiveSet<Node<T>>) (ActiveSet<?>) walk.second;
    addWithClosure(root, active);
    int length = eventType.length();
    int start = 0;
    while (true) {
      int hash = 0;
      int end = start;
      char c;
      while (end < length && (c = eventType.charAt(end)) != '.') {
        hash = 31 * hash + c;
        end++;
      }
      step(active, eventType, start, end, hash, next);
      ActiveSet<Node<T>> previous = active;
      active = next;
      next = previous;
      next.clear();
      if (active.isEmpty() || end == length) {
        return active;
      }
      start = end + 1;
    }
  }

  private static <T> void step(
      ActiveSet<Node<T>> active,
      String eventType,
      int start,
      int end,
      int hash,
      ActiveSet<Node<T>> next) {
    for (int i = 0; i < active.size(); i++) {
      Node<T> node = active.get(i);
      if (node.loopsOnAnySegment) {
        addWithClosure(node, next);
      }
      Node<T> literal = node.literals.get(eventType, start, end, hash);
      if (literal != null) {
        addWithClosure(literal, next);
      }
      if (node.anyOne != null) {
        addWithClosure(node.anyOne, next);
      }
      for (int g = 0; g < node.globMatchers.length; g++) {
        if (node.globMatchers[g].matches(eventType, start, end)) {
          addWithClosure(node.globTargets.get(g), next);
        }
      }
    }
  }

  /** Activates a node and, since {@code **} may match zero segments, its {@code **} children. */
  private static <T> void addWithClosure(Node<T> node, ActiveSet<Node<T>> active) {
    Node<T> current = node;
    while (current != null && active.add(current)) {
      current = current.anyMany;
    }
  }

  /**
   * The two active sets of one walk, kept per thread so that matching a never-seen event type
   * allocates nothing. Safe because a walk calls out to no other code, so it never nests; both sets
   * are emptied after each walk so that they hold no node of a trie that has since been replaced.
   */
  private static final class Walk {
    final ActiveSet<Object> first = new ActiveSet<>();
    final ActiveSet<Object> second = new ActiveSet<>();

    void clear() {
      first.clear();
      second.clear();
    }
  }

  private static final ThreadLocal<Walk> WALKS = ThreadLocal.withInitial(Walk::new);

  private static final class Node<T> {
    final LiteralTable<Node<T>> literals;
    final Node<T> anyOne;
    final Node<T> anyMany;
    // Parallel: the i-th matcher leads to the i-th target. An array, not a list of edges, so the
    // common node without glob children costs one length check per segment.
    final SegmentMatcher[] globMatchers;
    final List<Node<T>> globTargets;
    final boolean loopsOnAnySegment;
    final Set<T> targets;

    Node(Draft<T> draft, boolean loopsOnAnySegment) {
      Map<String, Node<T>> frozenLiterals = new LinkedHashMap<>();
      draft.literals.forEach((text, child) -> frozenLiterals.put(text, new Node<>(child, false)));
      this.literals = LiteralTable.of(frozenLiterals);
      this.anyOne = draft.anyOne == null ? null : new Node<>(draft.anyOne, false);
      this.anyMany = draft.anyMany == null ? null : new Node<>(draft.anyMany, true);
      List<SegmentMatcher> matchers = new ArrayList<>();
      List<Node<T>> children = new ArrayList<>();
      draft.globs.forEach(
          (glob, child) -> {
            matchers.add(new SegmentMatcher(glob));
            children.add(new Node<>(child, false));
          });
      this.globMatchers = matchers.toArray(SegmentMatcher[]::new);
      this.globTargets = List.copyOf(children);
      this.loopsOnAnySegment = loopsOnAnySegment;
      this.targets =
          draft.targets.isEmpty()
              ? Set.of()
              : Collections.unmodifiableSet(new LinkedHashSet<>(draft.targets));
    }
  }

  /** Mutable node used while building; frozen into {@link Node}s by {@link Builder#build()}. */
  private static final class Draft<T> {
    final Map<String, Draft<T>> literals = new LinkedHashMap<>();
    final Map<Segment.Glob, Draft<T>> globs = new LinkedHashMap<>();
    final Set<T> targets = new LinkedHashSet<>();
    Draft<T> anyOne;
    Draft<T> anyMany;

    Draft<T> child(Segment segment) {
      if (segment instanceof Segment.Literal literal) {
        return literals.computeIfAbsent(literal.text(), k -> new Draft<>());
      }
      if (segment instanceof Segment.Glob glob) {
        return globs.computeIfAbsent(glob, k -> new Draft<>());
      }
      if (segment instanceof Segment.AnyOne) {
        return anyOne == null ? (anyOne = new Draft<>()) : anyOne;
      }
      return anyMany == null ? (anyMany = new Draft<>()) : anyMany;
    }
  }

  /** Collects segment paths with their targets; {@link #build()} may be called repeatedly. */
  static final class Builder<T> {
    private final Draft<T> root = new Draft<>();

    void add(List<Segment> segments, T target) {
      Draft<T> node = root;
      for (Segment segment : segments) {
        node = node.child(segment);
      }
      node.targets.add(target);
    }

    SegmentTrie<T> build() {
      return new SegmentTrie<>(new Node<>(root, false));
    }
  }
}
