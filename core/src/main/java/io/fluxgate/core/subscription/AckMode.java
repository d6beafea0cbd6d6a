package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How HTTP delivery learns that a client has an event; see PLATFORM.md, "Subscriptions". */
public enum AckMode {
  /** An event counts as delivered once the long poll's answer is written to the connection. */
  AUTO,
  /**
   * Each event carries an {@code ack_id}; it counts as delivered once acknowledged, and is
   * delivered again when it is not acknowledged within {@code ack_timeout_ms}.
   */
  MANUAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static AckMode fromWireName(String value) {
    for (AckMode mode : values()) {
      if (mode.wireName().equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("ack_mode must be 'auto' or 'manual', was '" + value + "'");
  }
}
