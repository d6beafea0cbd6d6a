package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GlobPatternMatchingTest {

  private static void assertMatches(String pattern, String... eventTypes) {
    GlobPattern glob = GlobPattern.compile(pattern);
    for (String eventType : eventTypes) {
      assertThat(glob.matches(eventType)).as("%s matches %s", pattern, eventType).isTrue();
    }
  }

  private static void assertNoMatch(String pattern, String... eventTypes) {
    GlobPattern glob = GlobPattern.compile(pattern);
    for (String eventType : eventTypes) {
      assertThat(glob.matches(eventType)).as("%s does not match %s", pattern, eventType).isFalse();
    }
  }

  @Nested
  class Literals {
    @Test
    void shouldMatchOnlyTheIdenticalEventType() {
      assertMatches("agent.execution.completed", "agent.execution.completed");
      assertNoMatch(
          "agent.execution.completed",
          "agent.execution",
          "agent.execution.completed.x",
          "x.agent.execution.completed",
          "agent.execution.complete");
    }

    @Test
    void shouldMatchCaseSensitively() {
      assertMatches("Agent.Started", "Agent.Started");
      assertNoMatch("Agent.Started", "agent.started", "AGENT.STARTED");
      assertNoMatch("agent.*", "Agent.started");
      assertNoMatch("[a-z]", "A");
    }

    @Test
    void shouldAllowDashesAndUnderscores() {
      assertMatches("my-agent.run_1", "my-agent.run_1");
    }
  }

  @Nested
  class SingleStar {
    @Test
    void shouldMatchExactlyOneSegmentWithStarSegment() {
      assertMatches("agent.*", "agent.started", "agent.x");
      assertNoMatch("agent.*", "agent", "agent.a.b", "tool.started");
    }

    @Test
    void shouldMatchOneSegmentAnywhereWithStarSegment() {
      assertMatches("*.started", "agent.started", "tool.started");
      assertNoMatch("*.started", "started", "a.b.started");
      assertMatches("a.*.c", "a.b.c");
      assertNoMatch("a.*.c", "a.c", "a.b.b.c");
    }

    @Test
    void shouldMatchAnyRunWithinSegmentWithStarInsideSegment() {
      assertMatches("agent.exec*", "agent.exec", "agent.execute", "agent.execution");
      assertNoMatch("agent.exec*", "agent.exe", "agent.execution.started", "agent.xexec");
    }

    @Test
    void shouldMatchSuffixAndInfixWithStarInsideSegment() {
      assertMatches("*-v2.started", "agent-v2.started", "-v2.started");
      assertMatches("a*b*c", "abc", "aXbYc", "abbbc", "acbc");
      assertNoMatch("a*b*c", "ab", "acb", "a.b.c");
    }

    @Test
    void shouldMatchEverySingleSegmentWithLoneStar() {
      assertMatches("*", "agent", "x");
      assertNoMatch("*", "agent.started");
    }
  }

  @Nested
  class DoubleStar {
    @Test
    void shouldMatchZeroSegmentsWithDoubleStar() {
      assertMatches("agent.**", "agent");
      assertMatches("**.error", "error");
      assertMatches("a.**.b", "a.b");
    }

    @Test
    void shouldMatchManySegmentsWithTrailingDoubleStar() {
      assertMatches("agent.**", "agent.error", "agent.execution.started", "agent.a.b.c.d");
      assertNoMatch("agent.**", "tool.error", "agents", "agent-x.error");
    }

    @Test
    void shouldMatchManySegmentsWithLeadingDoubleStar() {
      assertMatches("**.error", "tool.http.error", "agent.error");
      assertNoMatch("**.error", "error.tool", "tool.errors", "tool.error.x");
    }

    @Test
    void shouldMatchManySegmentsWithMiddleDoubleStar() {
      assertMatches("a.**.b", "a.x.b", "a.x.y.b", "a.b.b", "a.b.x.b");
      assertNoMatch("a.**.b", "a", "b", "a.x", "x.b", "a.b.x");
    }

    @Test
    void shouldMatchEverythingWithLoneDoubleStar() {
      assertMatches("**", "a", "agent.started", "a.b.c.d.e.f");
    }

    @Test
    void shouldTreatRepeatedDoubleStarLikeOne() {
      assertMatches("**.**", "a", "a.b.c");
      assertMatches("a.**.**.b", "a.b", "a.x.y.b");
      assertNoMatch("a.**.**.b", "a.x");
    }

    @Test
    void shouldCombineDoubleStarWithStar() {
      assertMatches("**.*.error", "x.error", "a.b.error");
      assertNoMatch("**.*.error", "error");
      assertMatches("*.**", "a", "a.b", "a.b.c");
    }

    @Test
    void shouldMatchZeroOrMoreSegmentsWithDoubleStarInsideAlternative() {
      assertMatches("a.{**,c}", "a", "a.c", "a.x.y");
      assertMatches("{**,c}.a", "a", "c.a", "x.y.a");
      assertNoMatch("{**,c}.a", "a.c");
    }

    @Test
    void shouldBacktrackOverSeveralDoubleStars() {
      assertMatches("**.a.**.b.**", "a.b", "x.a.y.b.z", "a.a.b.b");
      assertNoMatch("**.a.**.b.**", "b.a", "a.x");
    }
  }

  @Nested
  class QuestionMark {
    @Test
    void shouldMatchOneCharacterWithQuestionMark() {
      assertMatches("agent.?.started", "agent.1.started", "agent.x.started");
      assertNoMatch("agent.?.started", "agent.12.started", "agent.started", "agent...started");
    }

    @Test
    void shouldMatchWithinSegmentWithQuestionMark() {
      assertMatches("v?", "v1", "vx");
      assertNoMatch("v?", "v", "v12", "v.");
    }
  }

  @Nested
  class Classes {
    @Test
    void shouldMatchOneCharacterOfTheSet() {
      assertMatches("v[abc]", "va", "vb", "vc");
      assertNoMatch("v[abc]", "vd", "v", "vab");
    }

    @Test
    void shouldMatchRanges() {
      assertMatches("v[a-z0-9]", "va", "vz", "v5");
      assertNoMatch("v[a-z0-9]", "vA", "v_", "v-");
    }

    @Test
    void shouldMatchOutsideTheSetWithNegatedClass() {
      assertMatches("v[!abc]", "vd", "v1", "v-");
      assertNoMatch("v[!abc]", "va", "vc", "v");
      assertMatches("v[!a-c]", "vd");
      assertNoMatch("v[!a-c]", "vb");
    }

    @Test
    void shouldNeverMatchDotWithNegatedClass() {
      assertNoMatch("a[!x]b", "a.b");
      assertNoMatch("[!a]", ".");
    }

    @Test
    void shouldMatchClassAsWholeSegmentNextToDots() {
      assertMatches("a.[bc].d", "a.b.d", "a.c.d");
      assertNoMatch("a.[bc].d", "a.bc.d", "a.d", "a.x.d");
    }

    @Test
    void shouldMatchClassInsideSegmentNextToDots() {
      assertMatches("a[bc].d", "ab.d", "ac.d");
      assertNoMatch("a[bc].d", "a.b.d", "a.d", "abc.d");
    }

    @Test
    void shouldTreatDashAtEitherEndOfClassLiterally() {
      assertMatches("x[a-]", "xa", "x-");
      assertNoMatch("x[a-]", "xb");
      assertMatches("x[-a]", "xa", "x-");
      assertMatches("x[!-]", "xa");
      assertNoMatch("x[!-]", "x-");
    }

    @Test
    void shouldHonourEscapesInsideClass() {
      assertMatches("x[a\\-c]", "xa", "x-", "xc");
      assertNoMatch("x[a\\-c]", "xb");
      assertMatches("x[\\]]", "x]");
    }
  }

  @Nested
  class Alternatives {
    @Test
    void shouldMatchAnyAlternative() {
      assertMatches("agent.{started,completed}", "agent.started", "agent.completed");
      assertNoMatch("agent.{started,completed}", "agent.failed", "agent.startedcompleted");
    }

    @Test
    void shouldMatchAlternativesHoldingDots() {
      assertMatches("{agent,tool.http}.started", "agent.started", "tool.http.started");
      assertNoMatch("{agent,tool.http}.started", "tool.started", "http.started");
    }

    @Test
    void shouldMatchAlternativesHoldingGlobs() {
      assertMatches("{agent.*,tool.**}.done", "agent.x.done", "tool.done", "tool.a.b.done");
      assertNoMatch("{agent.*,tool.**}.done", "agent.done", "agent.a.b.done");
      assertMatches("x{[0-9],?-v}", "x1", "xa-v");
      assertNoMatch("x{[0-9],?-v}", "xa");
    }

    @Test
    void shouldMatchNestedAlternatives() {
      assertMatches("{a,{b,c}.d}", "a", "b.d", "c.d");
      assertNoMatch("{a,{b,c}.d}", "b", "a.d", "d");
    }

    @Test
    void shouldAllowEmptyAlternative() {
      assertMatches("agent{,-v2}.started", "agent.started", "agent-v2.started");
      assertNoMatch("agent{,-v2}.started", "agent-v3.started", "agent-v2");
    }

    @Test
    void shouldCombineSeveralGroups() {
      assertMatches("{a,b}.{c,d}", "a.c", "a.d", "b.c", "b.d");
      assertNoMatch("{a,b}.{c,d}", "a.b", "c.d");
    }
  }

  @Nested
  class Escapes {
    @Test
    void shouldMatchEscapedStarOnlyLiterally() {
      assertMatches("a\\*", "a*");
      assertNoMatch("a\\*", "a", "ab", "a.b");
    }

    @Test
    void shouldMatchEscapedLettersAndGlobCharsLiterally() {
      assertMatches("\\a\\?", "a?");
      assertNoMatch("\\a\\?", "ab");
      assertMatches("\\{a\\,b\\}", "{a,b}");
    }

    @Test
    void shouldNeverMatchRealEventTypeWithEscapedDot() {
      // An escaped dot is a dot character inside one segment; real segments never contain one.
      GlobPattern glob = GlobPattern.compile("a\\.b");
      assertThat(glob.matches("a.b")).isFalse();
      assertThat(glob.matches("ab")).isFalse();
      assertThat(glob.isExact()).isFalse();
    }
  }

  @Nested
  class Exactness {
    @Test
    void shouldReportLiteralPatternsAsExact() {
      assertThat(GlobPattern.compile("agent.started").isExact()).isTrue();
      assertThat(GlobPattern.compile("ag\\ent.started").isExact()).isTrue();
      assertThat(GlobPattern.compile("{agent}.started").isExact()).isTrue();
      assertThat(GlobPattern.compile("{agent,agent}.started").isExact()).isTrue();
    }

    @Test
    void shouldReportWildcardsAndAlternativesAsNotExact() {
      for (String pattern :
          new String[] {"agent.*", "agent.**", "agent.?", "agent.[a]", "{a,b}", "a\\*"}) {
        assertThat(GlobPattern.compile(pattern).isExact()).as(pattern).isFalse();
      }
    }
  }

  @Test
  void shouldMatchPathologicalStarPatternQuickly() {
    String eventType = "a".repeat(255);
    long start = System.nanoTime();
    assertNoMatch("*a*a*a*a*a*a*a*a*b", eventType);
    assertMatches("*a*a*a*a*a*a*a*a*", eventType);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void shouldCompareAndPrintByPatternText() {
    assertThat(GlobPattern.compile("a.*")).isEqualTo(GlobPattern.compile("a.*"));
    assertThat(GlobPattern.compile("a.*")).hasSameHashCodeAs(GlobPattern.compile("a.*"));
    assertThat(GlobPattern.compile("a.*")).isNotEqualTo(GlobPattern.compile("a.?"));
    assertThat(GlobPattern.compile("a.*")).hasToString("a.*");
    assertThat(GlobPattern.compile("a.*").pattern()).isEqualTo("a.*");
  }
}
