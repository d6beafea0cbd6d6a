package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /v1/subscriptions/{id}/seek}: {@code earliest}, {@code latest} or an RFC
 * 3339 time. Unknown properties are refused.
 */
public record SeekRequest(@JsonProperty("to") String to) {}
