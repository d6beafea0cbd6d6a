package io.fluxgate.core.glob;

import java.util.List;

/**
 * One dot-separated segment of a brace-free pattern alternative, position-free so that equal
 * segments of different patterns can share a trie edge (records give value equality).
 */
sealed interface Segment {

  /** A segment without wildcards, matched by string equality. */
  record Literal(String text) implements Segment {}

  /** {@code *} alone: exactly one segment, whatever it holds. */
  record AnyOne() implements Segment {}

  /** {@code **}: zero or more whole segments. */
  record AnyMany() implements Segment {}

  /** A segment mixing literals with {@code *}, {@code ?} and classes, e.g. {@code exec*}. */
  record Glob(List<Element> elements) implements Segment {
    public Glob {
      elements = List.copyOf(elements);
    }
  }

  /** One piece of a {@link Glob} segment. */
  sealed interface Element {

    record Char(char c) implements Element {}

    /** {@code ?} */
    record AnyChar() implements Element {}

    /** {@code *} inside a segment: any run, possibly empty. */
    record AnyRun() implements Element {}

    record OfClass(CharClass charClass) implements Element {}
  }
}
