package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The Avro schemas of event envelopes. The generic envelope is {@link UniversalEvent}, whose {@code
 * data} is the {@code JsonValue} encoding of any JSON. An event type with a registered data schema
 * is written with a typed envelope: the same record, fields, docs and defaults, with {@code data}
 * of the registered type, so that any Avro consumer reads {@code data} as a real record.
 *
 * <pre>{@code
 * Schema envelope = EnvelopeSchemas.typed(paymentSchema);
 * assert !EnvelopeSchemas.isGeneric(envelope);
 * }</pre>
 *
 * Typed envelopes are memoised by data schema (equality), since publishing derives one per event:
 * the same data schema always gives the same envelope instance.
 */
public final class EnvelopeSchemas {

  /** The envelope field that holds the payload. */
  public static final String DATA_FIELD = "data";

  private static final Schema GENERIC = UniversalEvent.getClassSchema();
  private static final String JSON_VALUE = GENERIC.getField(DATA_FIELD).schema().getFullName();
  private static final Map<String, Schema> ENVELOPE_TYPES = envelopeTypes();
  private static final int MAX_MEMOISED = 1024;
  private static final ConcurrentMap<Schema, Schema> TYPED = new ConcurrentHashMap<>();

  private EnvelopeSchemas() {}

  /** The generic envelope: {@link UniversalEvent}'s own schema. */
  public static Schema generic() {
    return GENERIC;
  }

  /**
   * The envelope whose {@code data} is of {@code dataSchema}.
   *
   * @throws EnvelopeClashException when {@code dataSchema} defines a type of the envelope
   *     differently, e.g. its own {@code io.fluxgate.schemas.avro.EventSource}
   */
  public static Schema typed(Schema dataSchema) {
    Objects.requireNonNull(dataSchema, "dataSchema");
    Schema known = TYPED.get(dataSchema);
    if (known != null) {
      return known;
    }
    Schema envelope = build(dataSchema);
    if (TYPED.size() >= MAX_MEMOISED) {
      TYPED.clear(); // many schema versions: start again rather than grow without bound
    }
    known = TYPED.putIfAbsent(dataSchema, envelope);
    return known != null ? known : envelope;
  }

  /** Whether {@code envelope} is the generic envelope, whose {@code data} is a JsonValue. */
  public static boolean isGeneric(Schema envelope) {
    Objects.requireNonNull(envelope, "envelope");
    if (envelope == GENERIC) {
      return true; // the usual case, on every published event
    }
    if (envelope.getType() != Schema.Type.RECORD
        || !envelope.getFullName().equals(GENERIC.getFullName())) {
      return false;
    }
    Schema.Field data = envelope.getField(DATA_FIELD);
    return data != null
        && data.schema().getType() == Schema.Type.RECORD
        && data.schema().getFullName().equals(JSON_VALUE);
  }

  /**
   * The type of {@code envelope}'s {@code data} field.
   *
   * @throws IllegalArgumentException when {@code envelope} is not an event envelope
   */
  public static Schema dataSchema(Schema envelope) {
    Objects.requireNonNull(envelope, "envelope");
    if (envelope.getType() != Schema.Type.RECORD
        || !envelope.getFullName().equals(GENERIC.getFullName())
        || envelope.getField(DATA_FIELD) == null) {
      throw new IllegalArgumentException(
          "not an event envelope (a record "
              + GENERIC.getFullName()
              + " with a data field): "
              + envelope.getFullName());
    }
    return envelope.getField(DATA_FIELD).schema();
  }

  private static Schema build(Schema dataSchema) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    refuseEnvelopeTypes(dataSchema, seen);
    List<Schema.Field> fields = new ArrayList<>(GENERIC.getFields().size());
    for (Schema.Field field : GENERIC.getFields()) {
      fields.add(
          new Schema.Field(field, DATA_FIELD.equals(field.name()) ? dataSchema : field.schema()));
    }
    Schema envelope =
        Schema.createRecord(
            GENERIC.getName(), GENERIC.getDoc(), GENERIC.getNamespace(), false, fields);
    GENERIC.getObjectProps().forEach(envelope::addProp);
    GENERIC.getAliases().forEach(envelope::addAlias);
    return envelope;
  }

  private static void refuseEnvelopeTypes(Schema schema, Set<Schema> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.add(schema)) {
          refuseIfEnvelopeType(schema);
          schema.getFields().forEach(field -> refuseEnvelopeTypes(field.schema(), seen));
        }
      }
      case ENUM, FIXED -> refuseIfEnvelopeType(schema);
      case ARRAY -> refuseEnvelopeTypes(schema.getElementType(), seen);
      case MAP -> refuseEnvelopeTypes(schema.getValueType(), seen);
      case UNION -> schema.getTypes().forEach(branch -> refuseEnvelopeTypes(branch, seen));
      default -> {}
    }
  }

  private static void refuseIfEnvelopeType(Schema named) {
    Schema own = ENVELOPE_TYPES.get(named.getFullName());
    // The envelope's own definition (the same binary layout, e.g. included through a schema
    // reference) is no clash.
    if (own != null
        && !own.equals(named)
        && !SchemaNormalization.toParsingForm(own)
            .equals(SchemaNormalization.toParsingForm(named))) {
      throw new EnvelopeClashException(named.getFullName());
    }
  }

  /** The named types of the envelope outside {@code data}, and the envelope itself. */
  private static Map<String, Schema> envelopeTypes() {
    Map<String, Schema> types = new HashMap<>();
    types.put(GENERIC.getFullName(), GENERIC);
    for (Schema.Field field : GENERIC.getFields()) {
      if (!DATA_FIELD.equals(field.name())) {
        collectNamed(field.schema(), types);
      }
    }
    return Map.copyOf(types);
  }

  private static void collectNamed(Schema schema, Map<String, Schema> types) {
    switch (schema.getType()) {
      case RECORD -> {
        if (types.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(field -> collectNamed(field.schema(), types));
        }
      }
      case ENUM, FIXED -> types.put(schema.getFullName(), schema);
      case ARRAY -> collectNamed(schema.getElementType(), types);
      case MAP -> collectNamed(schema.getValueType(), types);
      case UNION -> schema.getTypes().forEach(branch -> collectNamed(branch, types));
      default -> {}
    }
  }
}
