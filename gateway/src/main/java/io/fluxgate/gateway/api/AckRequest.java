package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The body of {@code POST /v1/subscriptions/{id}/ack} and {@code .../nack}: the {@code ack_id}s of
 * delivered events. Kept as JSON so that every bad entry can be reported, not only the first.
 */
public record AckRequest(@JsonProperty("ack_ids") List<JsonNode> ackIds) {}
