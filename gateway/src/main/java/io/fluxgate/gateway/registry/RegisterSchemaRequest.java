package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRequest;
import java.util.List;

/**
 * The body of register, lookup and compatibility calls. Unknown fields are ignored, as are {@code
 * id} and {@code version} outside registration. Data contracts ({@code metadata} and {@code
 * ruleSet} with content) are refused rather than ignored: a client that relies on their rules
 * (conditions, encryption) must not believe they are in force.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegisterSchemaRequest(
    String schema,
    String schemaType,
    List<ReferenceJson> references,
    Integer id,
    Integer version,
    JsonNode metadata,
    JsonNode ruleSet) {

  static final RegisterSchemaRequest EMPTY =
      new RegisterSchemaRequest(null, null, null, null, null, null, null);

  SchemaRequest toSchemaRequest() {
    if (hasContent(metadata) || hasContent(ruleSet)) {
      throw SchemaRegistryException.invalidSchema(
          "data contracts are not supported: register the schema without 'metadata' and"
              + " 'ruleSet' (their rules would not be enforced)");
    }
    return new SchemaRequest(
        schemaType,
        schema,
        references == null
            ? List.of()
            : references.stream().map(ReferenceJson::toReference).toList(),
        id,
        version);
  }

  /** Whether a node holds anything but nulls, empty objects and empty arrays. */
  private static boolean hasContent(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasContent(child)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }
}
