package io.fluxgate.core.topology;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which correlations a correlate spec publishes: both sides met, every left side, or every side.
 */
public enum JoinType {
  INNER,
  LEFT,
  OUTER;

  /** The name in specs: lowercase. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value named {@code text} in a spec.
   *
   * @throws IllegalArgumentException listing the accepted names
   */
  public static JoinType fromWireName(String text) {
    for (JoinType value : values()) {
      if (value.wireName().equals(text)) {
        return value;
      }
    }
    throw new IllegalArgumentException(
        "must be one of "
            + Arrays.stream(values()).map(JoinType::wireName).collect(Collectors.joining(", "))
            + ", was '"
            + text
            + "'");
  }
}
