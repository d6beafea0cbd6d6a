package io.fluxgate.core.glob;

import java.util.ArrayList;
import java.util.List;

/**
 * Expands brace groups on the token level into brace-free alternatives, e.g. {@code
 * {agent,tool.http}.started} into {@code agent.started} and {@code tool.http.started}. Working on
 * tokens rather than text keeps escapes and positions intact. The number of alternatives is capped
 * so that a short pattern cannot blow up into a huge matcher.
 */
final class AlternativeExpander {

  static final int MAX_ALTERNATIVES = 64;

  private AlternativeExpander() {}

  /** Returns the brace-free alternatives of {@code tokens}, in pattern order. */
  static List<List<Token>> expand(String pattern, List<Token> tokens) {
    // Count first (saturating) so that an oversized pattern is refused before anything is built.
    if (count(tokens) > MAX_ALTERNATIVES) {
      int firstBrace =
          tokens.stream()
              .filter(Token.Group.class::isInstance)
              .mapToInt(Token::position)
              .findFirst()
              .orElse(0);
      throw new InvalidPatternException(
          pattern, firstBrace, "more than " + MAX_ALTERNATIVES + " alternatives after expansion");
    }
    return expandSequence(tokens);
  }

  private static int count(List<Token> tokens) {
    int product = 1;
    for (Token token : tokens) {
      if (token instanceof Token.Group group) {
        int sum = 0;
        for (List<Token> alternative : group.alternatives()) {
          sum = Math.min(sum + count(alternative), MAX_ALTERNATIVES + 1);
        }
        product = (int) Math.min((long) product * sum, MAX_ALTERNATIVES + 1);
      }
    }
    return product;
  }

  private static List<List<Token>> expandSequence(List<Token> tokens) {
    List<List<Token>> results = new ArrayList<>();
    results.add(new ArrayList<>());
    for (Token token : tokens) {
      if (token instanceof Token.Group group) {
        results = crossProduct(results, expandGroup(group));
      } else {
        results.forEach(result -> result.add(token));
      }
    }
    return results;
  }

  private static List<List<Token>> expandGroup(Token.Group group) {
    List<List<Token>> expansions = new ArrayList<>();
    for (List<Token> alternative : group.alternatives()) {
      if (alternative.isEmpty()) {
        expansions.add(List.of(new Token.EmptyAlternative(group.position())));
      } else {
        expansions.addAll(expandSequence(alternative));
      }
    }
    return expansions;
  }

  private static List<List<Token>> crossProduct(
      List<List<Token>> prefixes, List<List<Token>> suffixes) {
    List<List<Token>> combined = new ArrayList<>(prefixes.size() * suffixes.size());
    for (List<Token> prefix : prefixes) {
      for (List<Token> suffix : suffixes) {
        List<Token> joined = new ArrayList<>(prefix);
        joined.addAll(suffix);
        combined.add(joined);
      }
    }
    return combined;
  }
}
