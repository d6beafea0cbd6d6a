package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /v1/subscriptions/{id}/replay}: {@code from} is {@code "earliest"} or an RFC
 * 3339 time, {@code to} an optional RFC 3339 time (default: now).
 */
public record ReplayRequest(@JsonProperty("from") String from, @JsonProperty("to") String to) {}
