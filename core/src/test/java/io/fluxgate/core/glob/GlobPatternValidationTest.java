package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobPatternValidationTest {

  private static InvalidPatternException refusal(String pattern) {
    InvalidPatternException e =
        catchThrowableOfType(InvalidPatternException.class, () -> GlobPattern.compile(pattern));
    assertThat(e).as("'%s' should be refused", pattern).isNotNull();
    assertThat(e.pattern()).isEqualTo(pattern);
    return e;
  }

  private static void assertRefused(String pattern, int position, String reasonPart) {
    InvalidPatternException e = refusal(pattern);
    assertThat(e.position()).as("position of fault in '%s'", pattern).isEqualTo(position);
    assertThat(e.reason()).as("reason for '%s'", pattern).contains(reasonPart);
  }

  @Test
  void shouldDescribeFaultInMessage() {
    InvalidPatternException e = refusal("a..b");
    assertThat(e)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid pattern 'a..b' at position 2: empty segment");
  }

  @Test
  void shouldRefuseEmptyPattern() {
    assertRefused("", 0, "empty pattern");
  }

  @Test
  void shouldRefusePatternLongerThan1024Characters() {
    assertRefused("a".repeat(1025), 1024, "longer than 1024");
    assertThatCode(() -> GlobPattern.compile("a".repeat(1024))).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "agent.[abc|6",
        "[a-z|0",
        "a[\\]|1",
      })
  void shouldRefuseUnbalancedBracketAtOpeningBracket(String pattern, int position) {
    assertRefused(pattern, position, "unbalanced '['");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {"agent.{a,b|6", "{a|0", "x.{a,{b,c}|2", "{a,{b|3"})
  void shouldRefuseUnbalancedBraceAtOpeningBrace(String pattern, int position) {
    assertRefused(pattern, position, "unbalanced '{'");
  }

  @Test
  void shouldRefuseStrayClosingBrace() {
    assertRefused("a}", 1, "unmatched '}'");
    assertRefused("{a}}", 3, "unmatched '}'");
  }

  @Test
  void shouldRefuseStrayClosingBracket() {
    assertRefused("a]", 1, "unmatched ']'");
    assertRefused("[a]]", 3, "unmatched ']'");
  }

  @Test
  void shouldRefuseEmptyClass() {
    assertRefused("[]", 0, "empty character class");
    assertRefused("a.[!]", 2, "empty character class");
  }

  @Test
  void shouldRefuseReversedRangeAtItsStart() {
    assertRefused("[z-a]", 1, "reversed range 'z-a'");
    assertRefused("x[a-c9-0]", 5, "reversed range");
  }

  @Test
  void shouldRefuseDotInsideClass() {
    assertRefused("a[b.c]", 3, "'.' inside a character class");
    assertRefused("a[\\.]", 3, "'.' inside a character class");
    assertRefused("[!.]", 2, "'.' inside a character class");
  }

  @Test
  void shouldRefuseUnescapedForeignCharacterInsideClass() {
    assertRefused("[a*]", 2, "not allowed unescaped in a character class");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        ".a|0", // leading dot
        "a.|1", // trailing dot
        "a..b|2", // blamed on the dot that closes the empty segment
        ".|0",
        "{a..b,c}|3", // both dots inside the same alternative
      })
  void shouldRefuseEmptySegment(String pattern, int position) {
    assertRefused(pattern, position, "empty segment");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a.{b,}|2", // the empty alternative leaves 'a.'
        "{,a}.b|0", // the empty alternative leaves '.b'
        "{,a}|0", // the empty alternative leaves nothing at all
        "a.{.b,c}|2", // expansion puts two dots side by side
        "{a.,b}.c|0",
        "x.{y,{z,}}|5", // the innermost brace holding the empty alternative
      })
  void shouldRefuseEmptySegmentFromExpansionAtBrace(String pattern, int position) {
    assertRefused(pattern, position, "empty segment");
  }

  @Test
  void shouldRefuseTripleStar() {
    assertRefused("***", 0, "'***'");
    assertRefused("a.****", 2, "'***'");
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource(
      delimiter = '|',
      value = {"a**|1", "**b|0", "a.**b.c|2", "{a,b}**|5", "x.{**a,b}|3"})
  void shouldRefuseDoubleStarThatIsNotWholeSegment(String pattern, int position) {
    assertRefused(pattern, position, "'**' must be a whole segment");
  }

  @Test
  void shouldAcceptDoubleStarThatIsWholeSegmentOnlyAfterExpansion() {
    assertThat(GlobPattern.compile("a.{**,b}").matches("a.x.y")).isTrue();
  }

  @Test
  void shouldRefuseTrailingBackslash() {
    assertRefused("a\\", 1, "trailing '\\'");
    assertRefused("[a\\", 2, "trailing '\\'");
  }

  @ParameterizedTest(name = "''{0}'' at {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a b|1|character ' '",
        "a/b|1|character '/'",
        "agent.st@rt|8|character '@'",
        "a,b|1|',' outside braces",
        "a!b|1|'!' is only allowed right after '['",
        "a.é|2|character 'é'",
        "a:b|1|character ':'",
      })
  void shouldRefuseCharactersThatCannotOccurInEventType(
      String pattern, int position, String reason) {
    assertRefused(pattern, position, reason);
  }

  @Test
  void shouldAcceptForeignCharactersWhenEscaped() {
    assertThatCode(() -> GlobPattern.compile("a\\ b\\,c\\!")).doesNotThrowAnyException();
  }

  @Test
  void shouldRefuseMoreThan64AlternativesAtFirstBrace() {
    String eight = "{a,b,c,d,e,f,g,h}";
    assertThatCode(() -> GlobPattern.compile(eight + "." + eight)).doesNotThrowAnyException();
    assertRefused("x." + eight + "." + eight + "{1,2}", 2, "more than 64 alternatives");
    assertRefused("x.{a,b}.{" + "c,".repeat(32) + "d}", 2, "more than 64 alternatives");
    assertRefused("{" + "{a,b},".repeat(40) + "c}", 0, "more than 64 alternatives");
  }

  @Test
  void shouldRefuseHugeNestedExpansionQuickly() {
    // 2^100 alternatives must be refused by counting, not by building them.
    assertRefused("{a,b}".repeat(100), 0, "more than 64 alternatives");
  }
}
