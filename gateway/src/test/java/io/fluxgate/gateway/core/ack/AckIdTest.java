package io.fluxgate.gateway.core.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckIdTest {

  @Test
  void shouldRoundTripThroughItsText() {
    AckId id = new AckId(2, 12345, "9f3a0c");

    assertThat(id.toString()).isEqualTo("2-12345-9f3a0c");
    assertThat(AckId.parse(id.toString())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1-2",
        "1-2-",
        "-1-2-ab",
        "a-2-ab",
        "1-2-AB",
        "1-2-xyz",
        "1-2-ab-3",
        " 1-2-ab",
        "1-99999999999999999999-ab",
        "1-2-0123456789abcdef0123456789abcdef0"
      })
  void shouldRefuseWhatItDidNotHandOut(String text) {
    assertThatThrownBy(() -> AckId.parse(text))
        .isInstanceOf(AckId.MalformedAckIdException.class)
        .hasMessageContaining("is not an ack_id");
  }

  @Test
  void shouldRefuseNull() {
    assertThatThrownBy(() -> AckId.parse(null)).isInstanceOf(AckId.MalformedAckIdException.class);
  }
}
