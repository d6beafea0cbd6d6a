package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PUT /config}: {@code {"compatibility": "FULL"}} (also read as {@code
 * compatibilityLevel}), and its answer in the same shape, as Confluent does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompatibilityJson(
    @JsonProperty("compatibility") @JsonAlias("compatibilityLevel") String compatibility,
    @JsonProperty("normalize") Boolean normalize) {

  static final CompatibilityJson EMPTY = new CompatibilityJson(null, null);

  CompatibilityJson(String compatibility) {
    this(compatibility, null);
  }

  /**
   * Whether the body asks for nothing but {@code normalize}, which Confluent's clients send on
   * their own: this registry always compares schemas in canonical form, so it is accepted and the
   * level stays as it is.
   */
  boolean onlyNormalize() {
    return compatibility == null && normalize != null;
  }
}
