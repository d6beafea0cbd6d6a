package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "agent.execution.completed", "A-b_C.9", "x.y.z.w", "_._", "-"})
  void shouldAcceptValidEventTypes(String type) {
    assertThat(EventTypes.isValid(type)).isTrue();
    assertThat(EventTypes.problem(type)).isEmpty();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''              | must not be empty",
        ".a              | empty segment at position 0",
        "a.              | empty segment at position 2",
        "a..b            | empty segment at position 2",
        "agent.*         | glob character '*' at position 6",
        "agent.#         | glob character '#' at position 6",
        "a.b?            | glob character '?' at position 3",
        "a.{b,c}         | glob character '{' at position 2",
        "a b             | character ' ' at position 1",
        "a/b             | character '/' at position 1",
        "café            | character U+00E9 at position 3",
      })
  void shouldExplainInvalidEventTypes(String type, String expected) {
    assertThat(EventTypes.isValid(type)).isFalse();
    assertThat(EventTypes.problem(type)).hasValueSatisfying(p -> assertThat(p).contains(expected));
  }

  @Test
  void shouldRefuseNull() {
    assertThat(EventTypes.isValid(null)).isFalse();
    assertThat(EventTypes.problem(null)).isPresent();
  }

  @Test
  void shouldLimitLengthTo255() {
    assertThat(EventTypes.isValid("a".repeat(255))).isTrue();
    assertThat(EventTypes.problem("a".repeat(256)))
        .hasValueSatisfying(p -> assertThat(p).contains("256", "255"));
    assertThat(EventTypes.problem("abc", 2)).isPresent();
  }
}
