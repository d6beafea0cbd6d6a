package io.fluxgate.schemas.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Parses Avro schemas as the registry receives them: a schema text plus the texts of the schemas it
 * references, which define the named types it may use. Every way a text can be wrong becomes a
 * 42201 that says what is wrong and in which text.
 *
 * <pre>{@code
 * Schema order = AvroSchemas.parse(orderText, List.of(moneyText)); // moneyText defines com.acme.Money
 * String stored = AvroSchemas.canonical(orderText, List.of(moneyText)); // Money stays a name
 * }</pre>
 */
public final class AvroSchemas {
  /** The only schema type this registry accepts; Confluent's default when none is given. */
  public static final String AVRO = "AVRO";

  private static final int MAX_MESSAGE_LENGTH = 500;

  /** The words Avro reads as a type rather than as the name of a defined one. */
  private static final Set<String> TYPE_KEYWORDS =
      Stream.concat(
              Arrays.stream(Schema.Type.values()).map(Schema.Type::getName), Stream.of("error"))
          .collect(Collectors.toUnmodifiableSet());

  private AvroSchemas() {}

  /**
   * Parses {@code schema}, after the referenced schemas (dependencies first) have defined their
   * named types. Defaults are validated against their field types. A bare primitive such as {@code
   * "string"} is a schema too.
   *
   * @throws SchemaRegistryException 42201 when any text is not a valid Avro schema
   */
  public static Schema parse(String schema, List<String> referencedSchemas) {
    return parseWithReferences(schema, referencedSchemas).schema();
  }

  /**
   * The form in which two registrations of the same schema compare equal: Avro's own JSON
   * rendering, without insignificant whitespace or key order; docs, defaults and aliases stay
   * significant. Every named type is written out where it is first used, so for a schema with
   * references use {@link #canonical(String, List)}, which keeps referenced types as names.
   */
  public static String canonical(Schema schema) {
    return schema.toString();
  }

  /**
   * The canonical form of {@code schema} as it refers to its references: like {@link
   * #canonical(Schema)}, but the named types that the referenced schemas define are written as
   * names, never inlined, so the text parses again with the same references.
   *
   * @throws SchemaRegistryException 42201 when any text is not a valid Avro schema
   */
  @SuppressWarnings("deprecation") // Avro 1.12 has no other way to render with known names
  public static String canonical(String schema, List<String> referencedSchemas) {
    Parsed parsed = parseWithReferences(schema, referencedSchemas);
    Set<Schema> referenced = new LinkedHashSet<>(parsed.referencedTypes());
    referenced.removeIf(type -> isSameNamedType(type, parsed.schema()));
    return parsed.schema().toString(referenced, false);
  }

  private static boolean isSameNamedType(Schema type, Schema root) {
    return switch (root.getType()) {
      case RECORD, ENUM, FIXED -> root.getFullName().equals(type.getFullName());
      default -> false;
    };
  }

  private static Parsed parseWithReferences(String schema, List<String> referencedSchemas) {
    Objects.requireNonNull(referencedSchemas, "referencedSchemas");
    Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
    for (int i = 0; i < referencedSchemas.size(); i++) {
      String what = "referenced schema " + (i + 1) + " of " + referencedSchemas.size();
      parseOne(parser, referencedSchemas.get(i), what);
    }
    List<Schema> referencedTypes = new ArrayList<>(parser.getTypes().values());
    return new Parsed(parseOne(parser, schema, "the schema"), referencedTypes);
  }

  private static Schema parseOne(Schema.Parser parser, String text, String what) {
    if (text == null || text.isBlank()) {
      throw SchemaRegistryException.invalidSchema(what + " is empty");
    }
    try {
      return parser.parse(text);
    } catch (AvroRuntimeException e) {
      // SchemaParseException, AvroTypeException (undefined names, bad defaults) and plain
      // AvroRuntimeException (duplicate fields, bad sizes) are all Avro's ways of saying "invalid".
      throw SchemaRegistryException.invalidSchema(what + " is not valid: " + reason(e), e);
    } catch (RuntimeException e) {
      // Avro lets a few malformed shapes through as other exceptions (an unknown field "order"
      // is an IllegalArgumentException, an undefined root type a NullPointerException); they are
      // the client's fault all the same, never a 500.
      String undefined = undefinedRootName(text);
      String reason =
          undefined != null ? "Undefined schema: " + undefined : String.valueOf(e.getMessage());
      throw SchemaRegistryException.invalidSchema(what + " is not valid: " + abbreviate(reason), e);
    }
  }

  /**
   * The name a schema consists of, {@code "Foo"} or <code>{"type": "Foo"}</code>, or null. Only
   * called once Avro has read the text as JSON, so it is JSON.
   */
  private static String undefinedRootName(String text) {
    Object json = Schema.parseJsonToObject(text);
    Object name = json instanceof Map<?, ?> object ? object.get("type") : json;
    return name instanceof String string && !TYPE_KEYWORDS.contains(string) ? string : null;
  }

  private static String reason(AvroRuntimeException e) {
    if (e.getCause() instanceof JsonProcessingException json) {
      JsonLocation at = json.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      return "not JSON: " + abbreviate(json.getOriginalMessage()) + where;
    }
    return abbreviate(String.valueOf(e.getMessage()));
  }

  private static String abbreviate(String message) {
    return message.length() <= MAX_MESSAGE_LENGTH
        ? message
        : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }

  /** A parsed schema and the named types its references defined before it. */
  private record Parsed(Schema schema, List<Schema> referencedTypes) {}
}
