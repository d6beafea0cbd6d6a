package io.fluxgate.gateway.registry;

/** The answer to a registration: {@code {"id": 1}}. */
public record RegisterSchemaResponse(int id) {}
