package io.fluxgate.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parses Avro schemas as the registry receives them: a schema text plus the texts of the schemas it
 * references, which define the named types it may use.
 */
public final class AvroSchemas {
  /** The only schema type this registry accepts; Confluent's default when none is given. */
  public static final String AVRO = "AVRO";

  private AvroSchemas() {}

  /**
   * Parses {@code schema}, after the referenced schemas (dependencies first) have defined their
   * named types.
   *
   * @throws SchemaRegistryException 42201 when any text is not a valid Avro schema
   */
  public static Schema parse(String schema, List<String> referencedSchemas) {
    Schema.Parser parser = new Schema.Parser();
    try {
      for (String referenced : referencedSchemas) {
        parser.parse(referenced);
      }
      return parser.parse(schema);
    } catch (SchemaParseException | NullPointerException e) {
      throw SchemaRegistryException.invalidSchema(String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The form in which two registrations of the same schema compare equal: Avro's own JSON
   * rendering, without insignificant whitespace.
   */
  public static String canonical(Schema schema) {
    return schema.toString();
  }
}
