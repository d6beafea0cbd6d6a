package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fluxgate.schemas.registry.SchemaRequest;
import java.util.List;

/**
 * The body of register, lookup and compatibility calls. Fields newer clients send ({@code
 * metadata}, {@code ruleSet}, ...) are accepted and ignored, as are {@code id} and {@code version}
 * outside registration.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterSchemaRequest(
    String schema, String schemaType, List<ReferenceJson> references, Integer id, Integer version) {

  static final RegisterSchemaRequest EMPTY =
      new RegisterSchemaRequest(null, null, null, null, null);

  SchemaRequest toSchemaRequest() {
    return new SchemaRequest(
        schemaType,
        schema,
        references == null
            ? List.of()
            : references.stream().map(ReferenceJson::toReference).toList(),
        id,
        version);
  }
}
