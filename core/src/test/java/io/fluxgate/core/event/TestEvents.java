package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared fixtures for the event tests. */
final class TestEvents {

  static final Instant NOW = Instant.parse("2025-07-25T10:30:45.123456Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private TestEvents() {}

  static EventJson eventJson() {
    return new EventJson(EventLimits.defaults(), CLOCK);
  }

  static EventJson eventJson(EventLimits limits) {
    return new EventJson(limits, CLOCK);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** JSON with single quotes for readability: 'a' becomes "a". */
  static byte[] json(String singleQuoted) {
    return utf8(singleQuoted.replace('\'', '"'));
  }

  static EventRejectedException rejection(ThrowingCallable call) {
    EventRejectedException e = catchThrowableOfType(EventRejectedException.class, call);
    if (e == null) {
      throw new AssertionError("expected an EventRejectedException");
    }
    return e;
  }
}
