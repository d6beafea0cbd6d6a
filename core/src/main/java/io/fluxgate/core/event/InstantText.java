package io.fluxgate.core.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()} without the general formatter: the same text ({@code
 * 2026-11-24T03:20:01.123456Z}, fraction in groups of three digits, none when zero) for years 0 to
 * 9999, and {@code Instant.toString()} itself outside them.
 *
 * <p>Every published event's answer and every delivered event carries its timestamp as text, so
 * this is on the hot path: {@code DateTimeFormatter.ISO_INSTANT} (which {@code toString} and
 * Jackson's {@code InstantSerializer} use) resolves fields through a generic printer chain and cost
 * a third of writing a batch answer. The date part is cached per thread by day.
 */
public final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long MIN_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;
  private static final long MAX_SECOND = LocalDate.of(10_000, 1, 1).toEpochDay() * SECONDS_PER_DAY;

  private static final ThreadLocal<DayCache> DAYS = ThreadLocal.withInitial(DayCache::new);

  private InstantText() {}

  /** The text {@code instant.toString()} gives. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < MIN_SECOND || seconds >= MAX_SECOND) {
      return instant.toString();
    }
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int nanos = instant.getNano();
    char[] text = new char[11 + 8 + fractionDigits(nanos) + (nanos == 0 ? 0 : 1) + 1];
    DAYS.get().date(day).getChars(0, 11, text, 0);
    int i = 11;
    i = two(text, i, secondOfDay / 3600);
    text[i++] = ':';
    i = two(text, i, secondOfDay / 60 % 60);
    text[i++] = ':';
    i = two(text, i, secondOfDay % 60);
    if (nanos != 0) {
      text[i++] = '.';
      int digits = fractionDigits(nanos);
      int value = nanos / pow10(9 - digits);
      for (int d = i + digits - 1; d >= i; d--) {
        text[d] = (char) ('0' + value % 10);
        value /= 10;
      }
      i += digits;
    }
    text[i] = 'Z';
    return new String(text);
  }

  /** 3, 6 or 9: the digits ISO_INSTANT prints for a non-zero fraction; 0 for none. */
  private static int fractionDigits(int nanos) {
    if (nanos == 0) {
      return 0;
    }
    if (nanos % 1_000_000 == 0) {
      return 3;
    }
    return nanos % 1_000 == 0 ? 6 : 9;
  }

  private static int pow10(int n) {
    int p = 1;
    for (int k = 0; k < n; k++) {
      p *= 10;
    }
    return p;
  }

  private static int two(char[] text, int i, int value) {
    text[i] = (char) ('0' + value / 10);
    text[i + 1] = (char) ('0' + value % 10);
    return i + 2;
  }

  /** The last day formatted on this thread, as {@code yyyy-MM-ddT}. */
  private static final class DayCache {
    private long day = Long.MIN_VALUE;
    private String date;

    String date(long epochDay) {
      if (epochDay != day) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        char[] text = new char[11];
        int year = d.getYear();
        text[0] = (char) ('0' + year / 1000);
        text[1] = (char) ('0' + year / 100 % 10);
        text[2] = (char) ('0' + year / 10 % 10);
        text[3] = (char) ('0' + year % 10);
        text[4] = '-';
        two(text, 5, d.getMonthValue());
        text[7] = '-';
        two(text, 8, d.getDayOfMonth());
        text[10] = 'T';
        date = new String(text);
        day = epochDay;
      }
      return date;
    }
  }
}
