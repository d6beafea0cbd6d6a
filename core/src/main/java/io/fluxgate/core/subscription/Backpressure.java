package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a subscription does when its queue (what it has not consumed yet) reaches {@code
 * max_queue_size}; see PLATFORM.md, "Flow control".
 */
public enum Backpressure {
  /** Delivery skips the oldest undelivered events, counted as dropped. The default. */
  DROP_OLDEST,
  /** The fan-out does not add new matching events, counted as dropped. */
  DROP_NEWEST,
  /** Publishing a matching event waits up to {@code block_timeout_ms} for room, then 503. */
  BLOCK,
  /** Publishing a matching event fails at once with 429. */
  REJECT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the publish path checks this policy's queue before writing. */
  public boolean checkedAtPublish() {
    return this == BLOCK || this == REJECT;
  }

  @JsonCreator
  public static Backpressure fromWireName(String value) {
    for (Backpressure b : values()) {
      if (b.wireName().equals(value)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "backpressure must be one of drop_oldest, drop_newest, block, reject, was '" + value + "'");
  }
}
