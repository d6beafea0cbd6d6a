package io.fluxgate.schemas.registry;

import java.util.List;
import java.util.Objects;

/**
 * One version of a subject: the schema registered there, its global id, and the references it
 * resolves its named types through. {@code schema} is the canonical text the registry stores.
 */
public record RegisteredSchema(
    String subject,
    int version,
    int id,
    String schemaType,
    String schema,
    List<SchemaReference> references) {

  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schemaType, "schemaType");
    Objects.requireNonNull(schema, "schema");
    references = references == null ? List.of() : List.copyOf(references);
  }

  public RegisteredSchema(String subject, int version, int id, SchemaDefinition definition) {
    this(
        subject,
        version,
        id,
        definition.schemaType(),
        definition.schema(),
        definition.references());
  }

  /** The schema without its place: what the id stands for. */
  public SchemaDefinition definition() {
    return new SchemaDefinition(schemaType, schema, references);
  }
}
