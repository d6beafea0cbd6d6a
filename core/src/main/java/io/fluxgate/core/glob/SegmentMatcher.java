package io.fluxgate.core.glob;

import java.util.List;

/**
 * Matches one event-type segment against a compiled {@link Segment.Glob}. Hand-written rather than
 * regex based: a glob segment only needs single-character steps plus {@code *}, for which greedy
 * matching with backtracking to the last star is linear in practice and allocation free.
 */
final class SegmentMatcher {

  private static final byte CHAR = 0;
  private static final byte ANY_CHAR = 1;
  private static final byte ANY_RUN = 2;
  private static final byte CLASS = 3;

  // Parallel arrays instead of element objects: the hot loop touches only primitives.
  private final byte[] kinds;
  private final char[] chars;
  private final CharClass[] classes;

  SegmentMatcher(Segment.Glob glob) {
    List<Segment.Element> elements = glob.elements();
    int size = elements.size();
    kinds = new byte[size];
    chars = new char[size];
    classes = new CharClass[size];
    for (int i = 0; i < size; i++) {
      Segment.Element element = elements.get(i);
      if (element instanceof Segment.Element.Char literal) {
        kinds[i] = CHAR;
        chars[i] = literal.c();
      } else if (element instanceof Segment.Element.AnyChar) {
        kinds[i] = ANY_CHAR;
      } else if (element instanceof Segment.Element.AnyRun) {
        kinds[i] = ANY_RUN;
      } else {
        kinds[i] = CLASS;
        classes[i] = ((Segment.Element.OfClass) element).charClass();
      }
    }
  }

  /** Whether the whole of {@code segment} (which holds no dot) matches. */
  boolean matches(String segment) {
    return matches(segment, 0, segment.length());
  }

  /**
   * Whether the whole of {@code text[from, to)} (which holds no dot) matches; lets the trie test a
   * segment of an event type without taking a substring.
   */
  boolean matches(String text, int from, int to) {
    int p = 0;
    int t = from;
    int starP = -1;
    int starT = -1;
    while (t < to) {
      if (p < kinds.length && kinds[p] == ANY_RUN) {
        // Let the star match nothing for now; widen it by one if the rest fails later.
        starP = p++;
        starT = t;
      } else if (p < kinds.length && matchesOne(p, text.charAt(t))) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < kinds.length && kinds[p] == ANY_RUN) {
      p++;
    }
    return p == kinds.length;
  }

  private boolean matchesOne(int p, char c) {
    return switch (kinds[p]) {
      case CHAR -> chars[p] == c;
      case ANY_CHAR -> c != '.';
      case CLASS -> classes[p].matches(c);
      default -> false;
    };
  }
}
