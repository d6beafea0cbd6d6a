package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
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

  /** Adds to {@code out} the targets of every pattern that matches {@code eventType}. */
  void collect(String eventType, Collection<T> out) {
    for (Node<T> node : run(eventType)) {
      out.addAll(node.targets);
    }
  }

  /** Whether any pattern matches {@code eventType}. */
  boolean matchesAny(String eventType) {
    for (Node<T> node : run(eventType)) {
      if (!node.targets.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** The nodes active after reading every segment of {@code eventType}. */
  private Collection<Node<T>> run(String eventType) {
    Set<Node<T>> active = newNodeSet();
    addWithClosure(root, active);
    int start = 0;
    while (true) {
      int end = eventType.indexOf('.', start);
      if (end < 0) {
        end = eventType.length();
      }
      active = step(active, eventType.substring(start, end));
      if (active.isEmpty() || end == eventType.length()) {
        return active;
      }
      start = end + 1;
    }
  }

  private static <T> Set<Node<T>> step(Set<Node<T>> active, String segment) {
    Set<Node<T>> next = newNodeSet();
    for (Node<T> node : active) {
      if (node.loopsOnAnySegment) {
        addWithClosure(node, next);
      }
      Node<T> literal = node.literals.get(segment);
      if (literal != null) {
        addWithClosure(literal, next);
      }
      if (node.anyOne != null) {
        addWithClosure(node.anyOne, next);
      }
      for (GlobEdge<T> edge : node.globs) {
        if (edge.matcher().matches(segment)) {
          addWithClosure(edge.target(), next);
        }
      }
    }
    return next;
  }

  /** Activates a node and, since {@code **} may match zero segments, its {@code **} children. */
  private static <T> void addWithClosure(Node<T> node, Set<Node<T>> active) {
    Node<T> current = node;
    while (current != null && active.add(current)) {
      current = current.anyMany;
    }
  }

  private static <T> Set<Node<T>> newNodeSet() {
    // Identity, not equality: two distinct nodes are distinct states even if they look alike.
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  private record GlobEdge<T>(SegmentMatcher matcher, Node<T> target) {}

  private static final class Node<T> {
    final Map<String, Node<T>> literals;
    final Node<T> anyOne;
    final Node<T> anyMany;
    final List<GlobEdge<T>> globs;
    final boolean loopsOnAnySegment;
    final Set<T> targets;

    Node(Draft<T> draft, boolean loopsOnAnySegment) {
      Map<String, Node<T>> frozenLiterals = new LinkedHashMap<>();
      draft.literals.forEach((text, child) -> frozenLiterals.put(text, new Node<>(child, false)));
      this.literals = Map.copyOf(frozenLiterals);
      this.anyOne = draft.anyOne == null ? null : new Node<>(draft.anyOne, false);
      this.anyMany = draft.anyMany == null ? null : new Node<>(draft.anyMany, true);
      List<GlobEdge<T>> edges = new ArrayList<>();
      draft.globs.forEach(
          (glob, child) ->
              edges.add(new GlobEdge<>(new SegmentMatcher(glob), new Node<>(child, false))));
      this.globs = List.copyOf(edges);
      this.loopsOnAnySegment = loopsOnAnySegment;
      this.targets = Collections.unmodifiableSet(new LinkedHashSet<>(draft.targets));
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
