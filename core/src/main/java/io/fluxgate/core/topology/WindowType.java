package io.fluxgate.core.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How an aggregate's windows cut time: fixed, overlapping, or by inactivity gaps. */
public enum WindowType {
  TUMBLING,
  HOPPING,
  SESSION;

  /** The name in specs: lowercase. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code text} in a spec.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static WindowType fromWireName(String text) {
    for (WindowType value : values()) {
      if (value.wireName().equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + Arrays.stream(values()).map(WindowType::wireName).collect(Collectors.joining(", "))
            + ", was '"
            + text
            + "'");
  }
}
