package io.fluxgate.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * The latest live version of a subject together with its parsed Avro schema (references resolved),
 * ready to validate and encode with.
 */
public record LatestSchema(RegisteredSchema registered, Schema schema) {
  public LatestSchema {
    Objects.requireNonNull(registered, "registered");
    Objects.requireNonNull(schema, "schema");
  }
}
