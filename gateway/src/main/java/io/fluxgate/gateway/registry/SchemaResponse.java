package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fluxgate.schemas.registry.AvroSchemas;
import io.fluxgate.schemas.registry.RegisteredSchema;
import io.fluxgate.schemas.registry.SchemaDefinition;
import java.util.List;

/**
 * A schema as Confluent answers it: with {@code subject}, {@code version} and {@code id} for a
 * version, without them for a schema by id; {@code schemaType} is omitted for AVRO and {@code
 * references} when there are none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"subject", "version", "id", "schemaType", "references", "schema"})
public record SchemaResponse(
    String subject,
    Integer version,
    Integer id,
    String schemaType,
    List<ReferenceJson> references,
    String schema) {

  static SchemaResponse of(RegisteredSchema registered) {
    return new SchemaResponse(
        registered.subject(),
        registered.version(),
        registered.id(),
        typeUnlessAvro(registered.schemaType()),
        ReferenceJson.ofAll(registered.references()),
        registered.schema());
  }

  static SchemaResponse of(SchemaDefinition definition) {
    return new SchemaResponse(
        null,
        null,
        null,
        typeUnlessAvro(definition.schemaType()),
        ReferenceJson.ofAll(definition.references()),
        definition.schema());
  }

  private static String typeUnlessAvro(String schemaType) {
    return AvroSchemas.AVRO.equals(schemaType) ? null : schemaType;
  }
}
