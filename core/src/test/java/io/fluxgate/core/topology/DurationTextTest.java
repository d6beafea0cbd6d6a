package io.fluxgate.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S, 500ms",
    "30s, PT30S, 30s",
    "90s, PT1M30S, 90s",
    "5m, PT5M, 5m",
    "1h, PT1H, 1h",
    "2d, PT48H, 2d",
    "PT1M30S, PT1M30S, 90s",
    "0s, PT0S, 0s"
  })
  void shouldParseAndWriteBackInTheLargestExactUnit(String text, String iso, String written) {
    Duration d = DurationText.parse(text);

    assertThat(d).isEqualTo(Duration.parse(iso));
    assertThat(DurationText.format(d)).isEqualTo(written);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 m", "5min", "-5s", "1.5s", "P1X", "soon"})
  void shouldRefuseOtherForms(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
