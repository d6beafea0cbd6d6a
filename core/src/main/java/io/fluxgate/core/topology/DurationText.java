package io.fluxgate.core.topology;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in topology specs: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, or
 * ISO 8601 ({@code PT1M30S}); written back in the largest unit that states them exactly.
 */
public final class DurationText {
  private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

  private DurationText() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static Duration parse(String text) {
    if (text != null) {
      Matcher m = SHORT.matcher(text);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      if (text.startsWith("P") || text.startsWith("p")) {
        try {
          return Duration.parse(text);
        } catch (DateTimeParseException e) {
          // reported below
        }
      }
    }
    throw new IllegalArgumentException(
        "a duration is a number with ms, s, m, h or d (e.g. '30s', '5m') or ISO 8601 ('PT5M'),"
            + " was '"
            + text
            + "'");
  }

  /** {@code duration} as {@code 1h}, {@code 90s}, {@code 1500ms}: the largest exact unit. */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms != 0 && ms % 86_400_000 == 0) {
      return ms / 86_400_000 + "d";
    }
    if (ms != 0 && ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms != 0 && ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
