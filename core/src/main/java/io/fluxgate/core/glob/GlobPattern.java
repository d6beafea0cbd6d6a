package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled event-type glob. Patterns match whole event types segment by segment: {@code *} is one
 * segment (or any run within a segment), {@code **} zero or more segments, {@code ?} one character,
 * {@code [a-z]}/{@code [!a]} a character class, {@code {a,b.c}} alternatives and {@code \x} a
 * literal x. Immutable and thread-safe.
 *
 * <pre>{@code
 * GlobPattern p = GlobPattern.compile("agent.**.{completed,failed}");
 * p.matches("agent.execution.completed"); // true
 * p.matches("tool.failed");               // false
 * }</pre>
 *
 * <p>An escaped dot ({@code a\.b}) is a literal dot <em>character</em> inside a segment, not a
 * separator; since event-type segments never contain dots it never matches a real event type.
 * {@link #matches} does not validate its argument: it splits it at dots and compares text.
 */
public final class GlobPattern {

  private static final int MAX_EVENT_TYPE_LENGTH = 255;

  private final String pattern;
  private final List<List<Segment>> alternatives;
  private final String exactEventType;
  private final SegmentTrie<Boolean> trie;

  private GlobPattern(String pattern, List<List<Segment>> alternatives) {
    this.pattern = pattern;
    this.alternatives = alternatives;
    this.exactEventType = exactEventTypeOf(alternatives);
    if (exactEventType != null) {
      this.trie = null;
    } else {
      SegmentTrie.Builder<Boolean> builder = new SegmentTrie.Builder<>();
      alternatives.forEach(segments -> builder.add(segments, Boolean.TRUE));
      this.trie = builder.build();
    }
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws InvalidPatternException naming the position of the first fault
   */
  public static GlobPattern compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<Token> tokens = PatternParser.parse(pattern);
    List<List<Segment>> alternatives = new ArrayList<>();
    for (List<Token> alternative : AlternativeExpander.expand(pattern, tokens)) {
      List<Segment> segments = SegmentSplitter.split(pattern, alternative);
      // Duplicates (e.g. from "{a,a}") change nothing but the work done per match.
      if (!alternatives.contains(segments)) {
        alternatives.add(segments);
      }
    }
    return new GlobPattern(pattern, List.copyOf(alternatives));
  }

  /** The pattern text as given to {@link #compile}. */
  public String pattern() {
    return pattern;
  }

  /** Whether the whole of {@code eventType} matches this pattern (case-sensitive). */
  public boolean matches(String eventType) {
    Objects.requireNonNull(eventType, "eventType");
    return exactEventType != null ? exactEventType.equals(eventType) : trie.matchesAny(eventType);
  }

  /**
   * True when this pattern matches exactly one valid event type: no wildcards or classes, a single
   * alternative after removing duplicates (so {@code {a}.b} is exact too), and literal text that
   * forms a valid event type (so {@code a\.b} and {@code a\*} are not).
   */
  public boolean isExact() {
    return exactEventType != null;
  }

  /** The single event type this pattern matches, or null when it is not {@link #isExact()}. */
  String exactEventType() {
    return exactEventType;
  }

  /** The brace-free alternatives, each as its segments. */
  List<List<Segment>> alternatives() {
    return alternatives;
  }

  private static String exactEventTypeOf(List<List<Segment>> alternatives) {
    if (alternatives.size() != 1) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (Segment segment : alternatives.get(0)) {
      if (!(segment instanceof Segment.Literal literal) || !isEventTypeSegment(literal.text())) {
        return null;
      }
      if (text.length() > 0) {
        text.append('.');
      }
      text.append(literal.text());
    }
    return text.length() <= MAX_EVENT_TYPE_LENGTH ? text.toString() : null;
  }

  private static boolean isEventTypeSegment(String text) {
    return text.chars().allMatch(c -> PatternParser.isEventTypeChar((char) c));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GlobPattern that && pattern.equals(that.pattern);
  }

  @Override
  public int hashCode() {
    return pattern.hashCode();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
