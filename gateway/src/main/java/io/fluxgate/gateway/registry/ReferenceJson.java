package io.fluxgate.gateway.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fluxgate.schemas.registry.SchemaReference;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import java.util.List;

/** A schema reference as JSON: {@code {"name", "subject", "version"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"name", "subject", "version"})
public record ReferenceJson(String name, String subject, Integer version) {

  static ReferenceJson of(SchemaReference reference) {
    return new ReferenceJson(reference.name(), reference.subject(), reference.version());
  }

  /** The references of an answer: omitted (null) when there are none, as Confluent does. */
  static List<ReferenceJson> ofAll(List<SchemaReference> references) {
    return references.isEmpty() ? null : references.stream().map(ReferenceJson::of).toList();
  }

  /**
   * @throws SchemaRegistryException 42201 when the name, subject or version is missing
   */
  SchemaReference toReference() {
    if (name == null || subject == null || version == null) {
      throw SchemaRegistryException.invalidSchema(
          "a reference needs a name, a subject and a version, was " + this);
    }
    return new SchemaReference(name, subject, version);
  }
}
