package io.fluxgate.gateway.registry;

/** The answer of {@code GET /config} and of deletes: {@code {"compatibilityLevel": "BACKWARD"}}. */
public record ConfigResponse(String compatibilityLevel) {}
