package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A mode as Confluent reads and writes it: {@code {"mode": "READWRITE"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModeJson(String mode) {
  static final ModeJson EMPTY = new ModeJson(null);
}
