package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Turns a submitted schema into what the registry compares and stores: checks its type, resolves
 * its references recursively to texts (dependencies first), parses it and renders its canonical
 * text. Also parses stored schemas by id, once each. Reads {@link RegistryState}, so it runs under
 * the service's lock.
 */
final class SchemaResolver {

  /** A submitted schema, resolved: its definition as stored and its parsed Avro schema. */
  record Resolved(SchemaDefinition definition, Schema schema) {}

  private final RegistryState state;
  private final Map<Integer, Schema> parsedById = new HashMap<>();

  SchemaResolver(RegistryState state) {
    this.state = state;
  }

  /**
   * Resolves a submitted schema.
   *
   * @throws SchemaRegistryException 42201 for another type than AVRO, an empty or invalid schema,
   *     or a reference to a version that does not exist
   */
  Resolved resolve(SchemaRequest request) {
    String type = schemaType(request.schemaType());
    if (request.schema() == null || request.schema().isBlank()) {
      throw SchemaRegistryException.invalidSchema("the schema is empty");
    }
    for (SchemaReference ref : request.references()) {
      if (ref.name().isBlank() || ref.subject().isBlank() || ref.version() < 1) {
        throw SchemaRegistryException.invalidSchema(
            "a reference needs a name, a subject and a version of at least 1, was " + ref);
      }
    }
    List<String> dependencies = dependencyTexts(request.references());
    Schema schema = parse(request.schema(), dependencies);
    String canonical =
        request.references().isEmpty()
            ? AvroSchemas.canonical(schema)
            : canonicalKeepingReferencedNames(request.schema(), dependencies);
    return new Resolved(new SchemaDefinition(type, canonical, request.references()), schema);
  }

  /** The parsed schema of a stored definition, parsed once per id. */
  Schema parsed(int id, SchemaDefinition definition) {
    Schema cached = parsedById.get(id);
    if (cached == null) {
      cached = parse(definition.schema(), dependencyTexts(definition.references()));
      parsedById.put(id, cached);
    }
    return cached;
  }

  /** Drops the parse of an id whose definition may have gone. */
  void forget(int id) {
    parsedById.remove(id);
  }

  private static String schemaType(String given) {
    if (given == null || given.isBlank()) {
      return AvroSchemas.AVRO;
    }
    String type = given.trim().toUpperCase(Locale.ROOT);
    if (type.equals(AvroSchemas.AVRO)) {
      return AvroSchemas.AVRO;
    }
    String known = type.equals("JSON") || type.equals("PROTOBUF") ? "" : "unknown ";
    throw SchemaRegistryException.invalidSchema(
        "this registry supports only AVRO schemas; the "
            + known
            + "schemaType '"
            + given
            + "' is not supported");
  }

  /** The texts of everything {@code references} needs, each once, dependencies first. */
  private List<String> dependencyTexts(List<SchemaReference> references) {
    Set<String> texts = new LinkedHashSet<>();
    collect(references, texts, new HashSet<>());
    return new ArrayList<>(texts);
  }

  private void collect(
      List<SchemaReference> references, Set<String> texts, Set<SubjectVersion> on) {
    for (SchemaReference ref : references) {
      SubjectVersion place = new SubjectVersion(ref.subject(), ref.version());
      if (!on.add(place)) {
        continue; // already collected, or a cycle that only an import could have written
      }
      RegisteredSchema referenced =
          state
              .version(ref.subject(), ref.version())
              .orElseThrow(
                  () ->
                      SchemaRegistryException.invalidSchema(
                          "the reference '"
                              + ref.name()
                              + "' names subject '"
                              + ref.subject()
                              + "' version "
                              + ref.version()
                              + ", which does not exist"))
              .schema();
      collect(referenced.references(), texts, on);
      texts.add(referenced.schema());
    }
  }

  private static Schema parse(String schema, List<String> dependencies) {
    try {
      return AvroSchemas.parse(schema, dependencies);
    } catch (SchemaRegistryException e) {
      throw e;
    } catch (RuntimeException e) {
      // Avro reports a few invalid shapes (bad defaults, duplicate fields) with other exceptions.
      throw SchemaRegistryException.invalidSchema(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The canonical text of a schema with references: the types the references define stay names, so
   * that the stored text parses again with the same references.
   */
  private static String canonicalKeepingReferencedNames(String schema, List<String> dependencies) {
    try {
      Schema.Parser parser = new Schema.Parser();
      for (String dependency : dependencies) {
        parser.parse(dependency);
      }
      List<Schema> referenced = new ArrayList<>(parser.getTypes().values());
      Schema parsed = parser.parse(schema);
      referenced.removeIf(type -> isRootType(type, parsed));
      return parsed.toString(referenced, false);
    } catch (RuntimeException e) {
      throw SchemaRegistryException.invalidSchema(String.valueOf(e.getMessage()), e);
    }
  }

  private static boolean isRootType(Schema type, Schema root) {
    return switch (root.getType()) {
      case RECORD, ENUM, FIXED -> root.getFullName().equals(type.getFullName());
      default -> false;
    };
  }
}
