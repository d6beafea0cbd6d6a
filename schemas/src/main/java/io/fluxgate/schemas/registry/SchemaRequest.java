package io.fluxgate.schemas.registry;

import java.util.List;

/**
 * A schema as a client submits it to register, look up or test: the schema text, its type ({@code
 * null} means AVRO) and its references. {@code id} and {@code version} are only honoured on
 * registration, where IMPORT mode requires the id; {@code null} (or a value below 1, as older
 * clients send {@code -1}) means "not given".
 *
 * <pre>{@code
 * int id = registry.register("payment.processed", SchemaRequest.avro(schemaText));
 * }</pre>
 */
public record SchemaRequest(
    String schemaType,
    String schema,
    List<SchemaReference> references,
    Integer id,
    Integer version) {

  public SchemaRequest {
    references = references == null ? List.of() : List.copyOf(references);
    id = id == null || id < 1 ? null : id;
    version = version == null || version < 1 ? null : version;
  }

  /** An Avro schema without references. */
  public static SchemaRequest avro(String schema) {
    return new SchemaRequest(AvroSchemas.AVRO, schema, List.of(), null, null);
  }

  public SchemaRequest withReferences(List<SchemaReference> refs) {
    return new SchemaRequest(schemaType, schema, refs, id, version);
  }

  /** The same schema with the id (and, when not {@code null}, the version) it must get. */
  public SchemaRequest withIdAndVersion(Integer newId, Integer newVersion) {
    return new SchemaRequest(schemaType, schema, references, newId, newVersion);
  }
}
