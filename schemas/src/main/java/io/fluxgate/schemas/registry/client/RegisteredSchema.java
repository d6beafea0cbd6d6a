package io.fluxgate.schemas.registry.client;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject as the registry holds it.
 *
 * @param subject the subject the schema is registered under
 * @param id the registry-wide schema id, the one written into every record
 * @param version the version of the schema within the subject, from 1
 * @param schema the parsed schema, its references resolved
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
