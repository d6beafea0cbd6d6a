package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Confluent's error body: {@code {"error_code": 40401, "message": "..."}}. */
@JsonPropertyOrder({"error_code", "message"})
public record ErrorBody(
    @JsonProperty("error_code") int errorCode, @JsonProperty("message") String message) {}
