package io.fluxgate.schemas.registry;

import java.util.Objects;

/**
 * A reference from one schema to a named type registered elsewhere: {@code name} is the full name
 * the referring schema uses (for Avro, the record's full name), {@code subject} and {@code version}
 * say where the referenced schema is registered.
 */
public record SchemaReference(String name, String subject, int version) {
  public SchemaReference {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(subject, "subject");
  }
}
