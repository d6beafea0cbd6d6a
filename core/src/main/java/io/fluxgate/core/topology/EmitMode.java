package io.fluxgate.core.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When an aggregate publishes a window's result: once when it closes, or on every change. */
public enum EmitMode {
  FINAL,
  UPDATES;

  /** The name in specs: lowercase. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code text} in a spec.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static EmitMode fromWireName(String text) {
    for (EmitMode value : values()) {
      if (value.wireName().equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + Arrays.stream(values()).map(EmitMode::wireName).collect(Collectors.joining(", "))
            + ", was '"
            + text
            + "'");
  }
}
