package io.fluxgate.schemas.registry;

import java.util.Locale;

/**
 * Confluent's compatibility levels. BACKWARD: the new schema reads data written with the previous
 * one; FORWARD: the previous schema reads data written with the new one; FULL: both; the {@code
 * _TRANSITIVE} forms check every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** Confluent's default, and ours. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema must read data written with the earlier ones. */
  public boolean backward() {
    return backward;
  }

  /** The earlier schemas must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /**
   * Parses a level case-insensitively.
   *
   * @throws SchemaRegistryException 42203 for anything else
   */
  public static CompatibilityLevel parse(String text) {
    if (text != null) {
      for (CompatibilityLevel level : values()) {
        if (level.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
          return level;
        }
      }
    }
    throw SchemaRegistryException.invalidCompatibilityLevel(text);
  }
}
