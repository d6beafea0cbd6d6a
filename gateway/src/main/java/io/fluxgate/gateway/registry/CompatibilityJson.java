package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /config}: {@code {"compatibility": "FULL"}} (also read as {@code
 * compatibilityLevel}), and its answer in the same shape, as Confluent does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompatibilityJson(
    @JsonProperty("compatibility") @JsonAlias("compatibilityLevel") String compatibility) {

  static final CompatibilityJson EMPTY = new CompatibilityJson(null);
}
