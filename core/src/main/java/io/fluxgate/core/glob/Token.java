package io.fluxgate.core.glob;

import java.util.List;

/**
 * One parsed element of a pattern. Every token remembers the position of the text it came from, so
 * faults found after brace expansion (an empty segment, a misplaced {@code **}) can still be
 * reported against the original pattern string.
 */
sealed interface Token {

  /** 0-based index in the pattern text where this token starts. */
  int position();

  /** One literal character, either plain or escaped with {@code \}. */
  record Literal(char c, int position) implements Token {}

  /** {@code ?}: any one character of a segment. */
  record AnyChar(int position) implements Token {}

  /** {@code *}: any run of characters within a segment. */
  record Star(int position) implements Token {}

  /** {@code **}: zero or more whole segments. */
  record DoubleStar(int position) implements Token {}

  /** A bracket expression. */
  record OfClass(CharClass charClass, int position) implements Token {}

  /**
   * An unescaped dot, i.e. a segment boundary. {@code group} is the position of the innermost
   * enclosing {@code '{'} (or -1 at top level); two adjacent dots from different groups mean the
   * empty segment between them was produced by expansion, so the brace is to blame.
   */
  record Dot(int position, int group) implements Token {}

  /** {@code {a,b,...}}: alternatives, each a token sequence that may itself hold groups. */
  record Group(List<List<Token>> alternatives, int position) implements Token {
    public Group {
      alternatives = List.copyOf(alternatives);
    }
  }

  /**
   * Zero-width marker left in an expansion where an empty alternative of the group at {@code
   * position} was chosen. It matches nothing; it only lets an empty segment be blamed on that
   * brace.
   */
  record EmptyAlternative(int position) implements Token {}
}
