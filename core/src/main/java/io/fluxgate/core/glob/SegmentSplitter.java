package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one brace-free alternative into {@link Segment}s at its unescaped dots, enforcing the
 * rules that only make sense per alternative: no empty segment and {@code **} only as a whole
 * segment. Consecutive {@code **} segments are merged, as {@code **.**} means the same as {@code
 * **}.
 */
final class SegmentSplitter {

  private SegmentSplitter() {}

  static List<Segment> split(String pattern, List<Token> alternative) {
    List<Segment> segments = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    Token.Dot before = null;
    for (Token token : alternative) {
      if (token instanceof Token.Dot dot) {
        append(segments, toSegment(pattern, current, before, dot));
        current = new ArrayList<>();
        before = dot;
      } else {
        current.add(token);
      }
    }
    append(segments, toSegment(pattern, current, before, null));
    return List.copyOf(segments);
  }

  private static void append(List<Segment> segments, Segment segment) {
    boolean repeatsAnyMany =
        segment instanceof Segment.AnyMany
            && !segments.isEmpty()
            && segments.get(segments.size() - 1) instanceof Segment.AnyMany;
    if (!repeatsAnyMany) {
      segments.add(segment);
    }
  }

  /**
   * Builds the segment from the tokens between two dots ({@code before}/{@code after} are null at
   * the ends of the alternative).
   */
  private static Segment toSegment(
      String pattern, List<Token> tokens, Token.Dot before, Token.Dot after) {
    List<Token> real = tokens.stream().filter(t -> !(t instanceof Token.EmptyAlternative)).toList();
    if (real.isEmpty()) {
      throw new InvalidPatternException(
          pattern, emptySegmentPosition(tokens, before, after), "empty segment");
    }
    for (Token token : real) {
      if (token instanceof Token.DoubleStar && real.size() > 1) {
        throw new InvalidPatternException(
            pattern, token.position(), "'**' must be a whole segment");
      }
    }
    Token first = real.get(0);
    if (first instanceof Token.DoubleStar) {
      return new Segment.AnyMany();
    }
    if (real.stream().allMatch(Token.Star.class::isInstance)) {
      return new Segment.AnyOne();
    }
    if (real.stream().allMatch(Token.Literal.class::isInstance)) {
      StringBuilder text = new StringBuilder();
      real.forEach(t -> text.append(((Token.Literal) t).c()));
      return new Segment.Literal(text.toString());
    }
    return new Segment.Glob(toElements(real));
  }

  /**
   * Blames an empty segment on the brace whose empty alternative produced it, else on the dot that
   * closes it when both bounding dots sit side by side in the text, else (the dots came from
   * different groups, so expansion put them together) on the innermost of those groups.
   */
  private static int emptySegmentPosition(List<Token> tokens, Token.Dot before, Token.Dot after) {
    for (Token token : tokens) {
      if (token instanceof Token.EmptyAlternative marker) {
        return marker.position();
      }
    }
    int groupBefore = before == null ? -1 : before.group();
    int groupAfter = after == null ? -1 : after.group();
    if (groupBefore != groupAfter) {
      return Math.max(groupBefore, groupAfter);
    }
    if (after != null) {
      return after.position();
    }
    return before == null ? 0 : before.position();
  }

  private static List<Segment.Element> toElements(List<Token> tokens) {
    List<Segment.Element> elements = new ArrayList<>();
    for (Token token : tokens) {
      Segment.Element element;
      if (token instanceof Token.Literal literal) {
        element = new Segment.Element.Char(literal.c());
      } else if (token instanceof Token.AnyChar) {
        element = new Segment.Element.AnyChar();
      } else if (token instanceof Token.Star) {
        element = new Segment.Element.AnyRun();
      } else if (token instanceof Token.OfClass ofClass) {
        element = new Segment.Element.OfClass(ofClass.charClass());
      } else {
        throw new IllegalStateException("not a segment element: " + token);
      }
      // Adjacent stars (e.g. from "*{*,a}") mean the same as one; keeping one avoids backtracking.
      boolean repeatsRun =
          element instanceof Segment.Element.AnyRun
              && !elements.isEmpty()
              && elements.get(elements.size() - 1) instanceof Segment.Element.AnyRun;
      if (!repeatsRun) {
        elements.add(element);
      }
    }
    return elements;
  }
}
