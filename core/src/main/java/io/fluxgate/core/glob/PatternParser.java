package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns pattern text into {@link Token}s in one left-to-right pass, refusing malformed syntax at
 * the first fault. Brace groups are kept as nested {@link Token.Group}s; expanding them is {@link
 * AlternativeExpander}'s job, and segment-level rules are {@link SegmentSplitter}'s.
 */
final class PatternParser {

  static final int MAX_PATTERN_LENGTH = 1024;

  private final String pattern;
  private int pos;

  private PatternParser(String pattern) {
    this.pattern = pattern;
  }

  static List<Token> parse(String pattern) {
    if (pattern.isEmpty()) {
      throw new InvalidPatternException(pattern, 0, "empty pattern");
    }
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new InvalidPatternException(
          pattern, MAX_PATTERN_LENGTH, "pattern longer than " + MAX_PATTERN_LENGTH + " characters");
    }
    // At top level parseSequence only stops early by throwing, so the whole text gets read.
    return new PatternParser(pattern).parseSequence(-1);
  }

  /** Characters an event type may contain. */
  static boolean isEventTypeChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  /**
   * Reads tokens until the end of the text or, inside a group (group &gt;= 0), until the {@code
   * ','} or {@code '}'} that ends the current alternative (left unconsumed for the caller).
   */
  private List<Token> parseSequence(int group) {
    List<Token> tokens = new ArrayList<>();
    while (pos < pattern.length()) {
      char c = pattern.charAt(pos);
      switch (c) {
        case '\\' -> {
          int start = pos;
          tokens.add(new Token.Literal(readEscaped(), start));
        }
        case '.' -> tokens.add(new Token.Dot(pos++, group));
        case '?' -> tokens.add(new Token.AnyChar(pos++));
        case '*' -> tokens.add(readStars());
        case '[' -> tokens.add(readClass());
        case '{' -> tokens.add(readGroup());
        case '}', ',' -> {
          if (group >= 0) {
            return tokens;
          }
          throw fail(pos, c == '}' ? "unmatched '}'" : "',' outside braces");
        }
        case ']' -> throw fail(pos, "unmatched ']'");
        case '!' -> throw fail(pos, "'!' is only allowed right after '['");
        default -> {
          if (!isEventTypeChar(c)) {
            throw fail(pos, "character '" + c + "' cannot occur in an event type");
          }
          tokens.add(new Token.Literal(c, pos++));
        }
      }
    }
    return tokens;
  }

  /** Consumes {@code \x} and returns x. */
  private char readEscaped() {
    if (pos + 1 >= pattern.length()) {
      throw fail(pos, "trailing '\\' escapes nothing");
    }
    char escaped = pattern.charAt(pos + 1);
    pos += 2;
    return escaped;
  }

  /** A run of one star is {@code *}, of two {@code **}; longer runs have no meaning. */
  private Token readStars() {
    int start = pos;
    while (pos < pattern.length() && pattern.charAt(pos) == '*') {
      pos++;
    }
    return switch (pos - start) {
      case 1 -> new Token.Star(start);
      case 2 -> new Token.DoubleStar(start);
      default -> throw fail(start, "'***' is not allowed; use '*' or '**'");
    };
  }

  private Token readGroup() {
    int start = pos++;
    List<List<Token>> alternatives = new ArrayList<>();
    while (true) {
      List<Token> alternative = parseSequence(start);
      if (pos >= pattern.length()) {
        throw fail(start, "unbalanced '{'");
      }
      alternatives.add(alternative);
      if (pattern.charAt(pos++) == '}') {
        return new Token.Group(alternatives, start);
      }
    }
  }

  private Token readClass() {
    int start = pos++;
    boolean negated = false;
    if (pos < pattern.length() && pattern.charAt(pos) == '!') {
      negated = true;
      pos++;
    }
    List<CharClass.Range> ranges = new ArrayList<>();
    while (true) {
      if (pos >= pattern.length()) {
        throw fail(start, "unbalanced '['");
      }
      if (pattern.charAt(pos) == ']') {
        if (ranges.isEmpty()) {
          throw fail(start, "empty character class");
        }
        pos++;
        return new Token.OfClass(new CharClass(negated, ranges), start);
      }
      int firstPos = pos;
      char first = readClassChar();
      // A '-' right before ']' (or first in the class, handled by readClassChar) is literal.
      boolean isRange =
          pos + 1 < pattern.length()
              && pattern.charAt(pos) == '-'
              && pattern.charAt(pos + 1) != ']';
      if (!isRange) {
        ranges.add(new CharClass.Range(first, first));
        continue;
      }
      pos++;
      char last = readClassChar();
      if (last < first) {
        throw fail(firstPos, "reversed range '" + first + "-" + last + "'");
      }
      ranges.add(new CharClass.Range(first, last));
    }
  }

  /** One member character of a class, possibly escaped. */
  private char readClassChar() {
    // Callers have checked that a character is there.
    char c = pattern.charAt(pos);
    if (c == '\\') {
      if (pos + 1 < pattern.length() && pattern.charAt(pos + 1) == '.') {
        throw fail(pos + 1, "'.' inside a character class can never match");
      }
      return readEscaped();
    }
    if (c == '.') {
      throw fail(pos, "'.' inside a character class can never match");
    }
    if (!isEventTypeChar(c)) {
      throw fail(pos, "character '" + c + "' is not allowed unescaped in a character class");
    }
    pos++;
    return c;
  }

  private InvalidPatternException fail(int position, String reason) {
    return new InvalidPatternException(pattern, position, reason);
  }
}
