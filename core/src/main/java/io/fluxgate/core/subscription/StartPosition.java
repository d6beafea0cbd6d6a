package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a new subscription starts: only events published from now on, or every retained event. */
public enum StartPosition {
  LATEST,
  EARLIEST;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static StartPosition fromWireName(String value) {
    for (StartPosition p : values()) {
      if (p.wireName().equals(value)) {
        return p;
      }
    }
    throw new IllegalArgumentException("start must be 'latest' or 'earliest', was '" + value + "'");
  }
}
