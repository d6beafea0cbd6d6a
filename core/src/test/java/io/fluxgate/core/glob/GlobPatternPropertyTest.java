package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-checks random patterns: {@link GlobPattern} against an independent regex translation, and
 * {@link PatternIndex} against trying every {@link GlobPattern} in turn.
 */
class GlobPatternPropertyTest {

  /**
   * Whole segments a pattern is built from. "**" only ever stands alone, never inside braces: the
   * segment-wise reference below cannot express "zero segments" for a brace alternative (that case
   * has its own tests).
   */
  private static final String[] PIECES = {
    "a",
    "b",
    "ab",
    "ba",
    "abc",
    "\\a",
    "*",
    "**",
    "**",
    "a*",
    "*b",
    "a*c",
    "?",
    "a?",
    "[ab]",
    "[!a]",
    "[a-c]*",
    "{a,b}",
    "{a,b.c}",
    "{ab,*}",
    "a{,b}",
    "{a.*,b}",
    "{a,{b,c}.a}"
  };

  private static final String[] EVENT_SEGMENTS = {"a", "b", "c", "ab", "ba", "abc", "bb", "x"};

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 42L, 20240601L})
  void shouldAgreeWithRegexReferenceAndWithEachPatternInTurn(long seed) {
    Random random = new Random(seed);
    List<String> patterns = new ArrayList<>();
    List<List<String>> pieceLists = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<String> pieces = new ArrayList<>();
      int count = 1 + random.nextInt(4);
      for (int j = 0; j < count; j++) {
        pieces.add(PIECES[random.nextInt(PIECES.length)]);
      }
      pieceLists.add(pieces);
      patterns.add(String.join(".", pieces));
    }
    List<String> eventTypes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      List<String> segments = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int j = 0; j < count; j++) {
        segments.add(EVENT_SEGMENTS[random.nextInt(EVENT_SEGMENTS.length)]);
      }
      eventTypes.add(String.join(".", segments));
    }

    List<GlobPattern> globs = new ArrayList<>();
    PatternIndex.Builder<Integer> builder = PatternIndex.builder();
    for (int i = 0; i < patterns.size(); i++) {
      GlobPattern glob = GlobPattern.compile(patterns.get(i));
      globs.add(glob);
      builder.add(i % 40, glob);
    }
    PatternIndex<Integer> index = builder.build();

    int matched = 0;
    for (String eventType : eventTypes) {
      Set<Integer> expected = new LinkedHashSet<>();
      for (int i = 0; i < globs.size(); i++) {
        boolean reference = toRegex(pieceLists.get(i)).matcher("." + eventType).matches();
        assertThat(globs.get(i).matches(eventType))
            .as("%s matches %s", patterns.get(i), eventType)
            .isEqualTo(reference);
        if (reference) {
          expected.add(i % 40);
          matched++;
        }
      }
      assertThat(index.match(eventType)).as("targets of %s", eventType).isEqualTo(expected);
    }
    // Guard against a vacuous run where (almost) nothing or everything matches.
    assertThat(matched).isBetween(1_000, 300 * 400 - 1_000);
  }

  /**
   * Translates the pattern's top-level segments to a regex over {@code "." + eventType}: each
   * segment is {@code \.<segment>} except {@code **}, which is any number of {@code \.<segment>}.
   */
  private static Pattern toRegex(List<String> pieces) {
    StringBuilder regex = new StringBuilder();
    for (String piece : pieces) {
      regex.append(piece.equals("**") ? "(?:\\.[^.]+)*" : "\\." + segmentRegex(piece));
    }
    return Pattern.compile(regex.toString());
  }

  private static String segmentRegex(String piece) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < piece.length(); i++) {
      char c = piece.charAt(i);
      switch (c) {
        case '\\' -> regex.append(Pattern.quote(String.valueOf(piece.charAt(++i))));
        case '{' -> regex.append("(?:");
        case ',' -> regex.append('|');
        case '}' -> regex.append(')');
        case '.' -> regex.append("\\.");
        case '?' -> regex.append("[^.]");
        case '*' -> regex.append("[^.]*");
        case '[' -> {
          int end = piece.indexOf(']', i);
          String body = piece.substring(i + 1, end);
          regex.append(body.startsWith("!") ? "[^." + body.substring(1) + "]" : "[" + body + "]");
          i = end;
        }
        default -> regex.append(c);
      }
    }
    return regex.toString();
  }
}
