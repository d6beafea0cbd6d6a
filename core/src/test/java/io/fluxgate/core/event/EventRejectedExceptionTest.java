package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventRejectedExceptionTest {

  @Test
  void shouldBe413WhenAnythingIsTooLarge() {
    assertThat(status("invalid_value", "malformed_json", "too_large")).isEqualTo(413);
  }

  @Test
  void shouldBe400ForSyntaxAndShapeErrors() {
    assertThat(status("invalid_value", "malformed_json")).isEqualTo(400);
    assertThat(status("invalid_utf8")).isEqualTo(400);
    assertThat(status("too_deep", "unknown_field")).isEqualTo(400);
    assertThat(status("missing_field", "wrong_type")).isEqualTo(400);
  }

  @Test
  void shouldBe422ForSemanticErrors() {
    assertThat(status("missing_field", "invalid_value", "too_deep")).isEqualTo(422);
  }

  @Test
  void shouldSummariseInTheMessage() {
    EventRejectedException e =
        new EventRejectedException(
            List.of(
                new EventError(0, "event_type", "missing_field", "event_type is required"),
                new EventError(2, "id", "invalid_value", "bad id"),
                new EventError(3, "", "wrong_type", "not an object"),
                new EventError(4, "x", "unknown_field", "unknown")));

    assertThat(e.getMessage())
        .startsWith("Event rejected (400): 4 errors: [0] event_type missing_field")
        .contains("[2] id invalid_value - bad id", "[3] wrong_type", "and 1 more");
  }

  @Test
  void shouldNeedAtLeastOneError() {
    assertThatThrownBy(() -> new EventRejectedException(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int status(String... codes) {
    return new EventRejectedException(
            java.util.Arrays.stream(codes).map(c -> new EventError(0, "", c, "m")).toList())
        .status();
  }
}
