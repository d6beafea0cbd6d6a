package io.fluxgate.schemas.registry;

import java.util.List;
import java.util.Objects;

/**
 * What a schema id stands for: the schema type, the canonical schema text and its references. Two
 * registrations are "the same schema" exactly when their definitions are equal, which is how a
 * schema registered under a second subject gets the id it already has.
 */
public record SchemaDefinition(String schemaType, String schema, List<SchemaReference> references) {
  public SchemaDefinition {
    Objects.requireNonNull(schemaType, "schemaType");
    Objects.requireNonNull(schema, "schema");
    references = references == null ? List.of() : List.copyOf(references);
  }
}
