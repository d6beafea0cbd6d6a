package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1970-01-01T00:00:00Z",
        "2026-11-24T03:20:01Z",
        "2026-11-24T03:20:01.100Z",
        "2026-11-24T03:20:01.120Z",
        "2026-11-24T03:20:01.000001Z",
        "2026-11-24T03:20:01.123456Z",
        "2026-11-24T03:20:01.123456700Z",
        "2026-11-24T03:20:01.000000001Z",
        "2026-11-24T23:59:59.999999999Z",
        "2024-02-29T12:00:00.500Z",
        "1969-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00Z",
        "0001-03-04T05:06:07.008Z",
        "9999-12-31T23:59:59.999999999Z"
      })
  void writesWhatToStringWrites(String text) {
    Instant instant = Instant.parse(text);

    assertThat(InstantText.format(instant)).isEqualTo(instant.toString()).isEqualTo(text);
  }

  @Test
  void fallsBackToToStringOutsideFourDigitYears() {
    Instant[] outside = {
      Instant.parse("+10000-01-01T00:00:00Z"),
      Instant.parse("-0001-12-31T23:59:59.5Z"),
      Instant.MAX,
      Instant.MIN
    };

    for (Instant instant : outside) {
      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void agreesWithToStringOnRandomInstantsOfEveryPrecision() {
    SplittableRandom random = new SplittableRandom(20261124);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    int[] units = {1_000_000_000, 1_000_000, 1_000, 1};

    for (int n = 0; n < 200_000; n++) {
      int unit = units[n % units.length];
      Instant instant =
          Instant.ofEpochSecond(
              random.nextLong(min, max + 1), random.nextInt(1_000_000_000 / unit) * (long) unit);

      assertThat(InstantText.format(instant)).isEqualTo(instant.toString());
    }
  }

  @Test
  void daysChangeOnTheSameThread() {
    Instant monday = Instant.parse("2026-11-23T23:59:59.999Z");
    Instant tuesday = monday.plusMillis(1);

    assertThat(InstantText.format(monday)).isEqualTo("2026-11-23T23:59:59.999Z");
    assertThat(InstantText.format(tuesday)).isEqualTo("2026-11-24T00:00:00Z");
    assertThat(InstantText.format(monday)).isEqualTo("2026-11-23T23:59:59.999Z");
  }
}
