package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentMatcherTest {

  private static SegmentMatcher matcherOf(String pattern) {
    return new SegmentMatcher(
        (Segment.Glob) GlobPattern.compile(pattern).alternatives().get(0).get(0));
  }

  @Test
  void shouldMatchRegionAsItWouldTheSubstring() {
    SegmentMatcher matcher = matcherOf("ex*c?[tu]*");
    String text = "x.exec1t.execute.ex.excut.exxxcZu";
    for (int from = 0; from <= text.length(); from++) {
      for (int to = from; to <= text.length(); to++) {
        String segment = text.substring(from, to);
        if (segment.indexOf('.') < 0) {
          assertThat(matcher.matches(text, from, to))
              .as("%s", segment)
              .isEqualTo(matcher.matches(segment));
        }
      }
    }
    assertThat(matcher.matches(text, 2, 8)).isTrue(); // exec1t
    assertThat(matcher.matches(text, 20, 25)).isTrue(); // excut: u for ?, t for [tu]
    assertThat(matcher.matches(text, 17, 19)).isFalse(); // ex: no c
  }

  @Test
  void shouldNotReadPastTheRegion() {
    SegmentMatcher matcher = matcherOf("ab?");
    assertThat(matcher.matches("abc", 0, 2)).isFalse();
    assertThat(matcher.matches("xabcx", 1, 4)).isTrue();
  }
}
