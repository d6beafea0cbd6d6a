package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code {"is_compatible": false, "messages": [...]}}; messages only when verbose was asked. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompatibilityResponse(
    @JsonProperty("is_compatible") boolean isCompatible,
    @JsonProperty("messages") List<String> messages) {}
