package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written reader of the common shape against the RFC 3339 formatter it short-cuts. */
class TimestampsTest {

  @Test
  void commonShapesAreReadByHandAsTheFormatterReadsThem() {
    Random random = new Random(3339);
    int byHand = 0;
    for (int i = 0; i < 200_000; i++) {
      String text = nearlyValid(random);
      Instant expected = formatter(text);
      Instant common = Timestamps.parseCommon(text);
      if (common != null) {
        byHand++;
        assertThat(common).as(text).isEqualTo(expected);
      }
      if (expected == null) {
        assertThat(common).as(text).isNull();
      }
    }
    assertThat(byHand).isGreaterThan(20_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-24T02:07:59Z",
        "2026-11-24t02:07:59.1z",
        "2024-02-29T23:59:59.999999999+18:00",
        "2000-02-29T00:00:00-18:00",
        "0000-01-01T00:00:00.123456-00:00",
        "9999-12-31T23:59:59.5+05:30",
      })
  void typicalTimestampsTakeTheFastPath(String text) {
    assertThat(Timestamps.parseCommon(text)).isNotNull().isEqualTo(formatter(text));
    assertThat(Timestamps.parse(text)).isEqualTo(formatter(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1900-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-11-24T24:00:00Z",
        "2026-11-24T23:60:00Z",
        "2026-11-24T23:59:60Z",
        "2026-11-24T02:07:59.Z",
        "2026-11-24T02:07:59.1234567891Z",
        "2026-11-24T02:07:59+18:01",
        "2026-11-24T02:07:59+01:60",
        "2026-11-24T02:07:59+0100",
        "2026-11-24T02:07:59",
        "2026-11-24 02:07:59Z",
        "+2026-11-24T02:07:59Z",
        "2026-11-24T02:07:59ZZ",
      })
  void invalidTimestampsAreLeftToTheFormatter(String text) {
    assertThat(Timestamps.parseCommon(text)).isNull();
    assertThat(formatter(text)).isNull();
  }

  private static Instant formatter(String text) {
    try {
      return OffsetDateTime.parse(text, Timestamps.RFC_3339)
          .toInstant()
          .truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Mostly valid timestamps with every part at and beyond its edges, and the odd stray byte. */
  private static String nearlyValid(Random random) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%04d", pick(random, 0, 1900, 2000, 2023, 2024, 2100, 9999, random.nextInt(10_000))));
    b.append('-').append(String.format("%02d", random.nextInt(14)));
    b.append('-')
        .append(
            String.format("%02d", pick(random, 0, 1, 28, 29, 30, 31, 32, 1 + random.nextInt(28))));
    b.append(random.nextInt(10) == 0 ? 't' : 'T');
    b.append(
        String.format(
            "%02d:%02d:%02d", random.nextInt(25), random.nextInt(61), random.nextInt(61)));
    switch (random.nextInt(4)) {
      case 0 -> {}
      case 1 -> b.append('.');
      default ->
          b.append('.')
              .append(String.valueOf(Math.abs(random.nextLong())), 0, 1 + random.nextInt(11));
    }
    switch (random.nextInt(5)) {
      case 0 -> b.append(random.nextBoolean() ? 'Z' : 'z');
      case 1 -> {}
      default ->
          b.append(random.nextBoolean() ? '+' : '-')
              .append(
                  String.format("%02d:%02d", random.nextInt(20), pick(random, 0, 30, 45, 59, 60)));
    }
    if (random.nextInt(20) == 0) {
      int at = random.nextInt(b.length());
      b.setCharAt(at, "0T:-.+Zx ".charAt(random.nextInt(9)));
    }
    return b.toString();
  }

  private static int pick(Random random, int... options) {
    return options[random.nextInt(options.length)];
  }
}
