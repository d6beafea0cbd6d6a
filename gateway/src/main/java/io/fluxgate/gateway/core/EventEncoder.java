package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EnvelopeClashException;
import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventError;
import io.fluxgate.core.event.EventRejectedException;
import io.fluxgate.core.event.JsonData;
import io.fluxgate.core.event.TypedData;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.CompatibilityLevel;
import io.fluxgate.schemas.registry.LatestSchema;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;

/**
 * Turns published events into record values with registered schemas. An event whose type names a
 * subject with a schema (e.g. {@code payment.processed}) has its {@code data} validated against the
 * latest version and written in a typed envelope; any other event is written in the generic
 * envelope. Both envelopes are registered like any schema, so a Confluent consumer decodes every
 * record by its id.
 *
 * <p>Envelope subjects use a colon, which event types cannot contain: {@value #ENVELOPE_SUBJECT}
 * for the generic envelope and {@value #ENVELOPE_SUBJECT}{@code :<event type>} for typed ones.
 * Typed envelope subjects have compatibility {@code NONE}: the data subject's own level is the one
 * that governs how the type may evolve.
 */
public final class EventEncoder implements Managed {
  /** The subject of the generic envelope. */
  public static final String ENVELOPE_SUBJECT = "fluxgate:envelope";

  private static final int RETRY_AFTER_SECONDS = 1;

  private final SchemaRegistryService registry;
  private final EventCodec codec;
  // Keyed by the data schema's id: every version of a data schema gets its own envelope id.
  private final ConcurrentMap<Integer, Envelope> typedEnvelopes = new ConcurrentHashMap<>();
  private volatile int genericEnvelopeId = -1;

  private record Envelope(int id, Schema schema) {}

  public EventEncoder(SchemaRegistryService registry, EventCodec codec) {
    this.registry = registry;
    this.codec = codec;
  }

  /** The subject of the envelope for events of {@code eventType} with a registered data schema. */
  public static String typedEnvelopeSubject(String eventType) {
    return ENVELOPE_SUBJECT + ":" + eventType;
  }

  /** Registers the generic envelope (or finds it registered); the registry must have started. */
  @Override
  public void start() {
    genericEnvelopeId = registerEnvelope(ENVELOPE_SUBJECT, EnvelopeSchemas.generic(), false);
  }

  /**
   * Encodes every event, or refuses them all: a 422 lists each event whose data does not fit its
   * type's schema, with the field path, the expected type and what was found.
   */
  public List<byte[]> encodeAll(List<UniversalEvent> events) {
    List<byte[]> values = new ArrayList<>(events.size());
    List<EventError> errors = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      UniversalEvent event = events.get(i);
      Optional<LatestSchema> typed = registry.latestLocal(event.getEventType());
      if (typed.isEmpty()) {
        values.add(codec.encode(genericEnvelopeId(), event));
        continue;
      }
      Schema dataSchema = typed.get().schema();
      Object datum;
      try {
        datum = TypedData.toAvro(i, JsonData.toJson(event.getData()), dataSchema, "data");
      } catch (EventRejectedException e) {
        errors.addAll(e.errors());
        continue;
      }
      Envelope envelope = typedEnvelope(event.getEventType(), typed.get(), i);
      values.add(codec.encodeTyped(envelope.id(), envelope.schema(), event, datum));
    }
    if (!errors.isEmpty()) {
      throw new EventRejectedException(errors);
    }
    return values;
  }

  private int genericEnvelopeId() {
    int id = genericEnvelopeId;
    if (id < 0) {
      throw new IllegalStateException("EventEncoder has not been started");
    }
    return id;
  }

  private Envelope typedEnvelope(String eventType, LatestSchema data, int index) {
    Envelope known = typedEnvelopes.get(data.registered().id());
    if (known != null) {
      return known;
    }
    Schema schema;
    try {
      schema = EnvelopeSchemas.typed(data.schema());
    } catch (EnvelopeClashException e) {
      throw new EventRejectedException(
          List.of(
              new EventError(
                  index,
                  "data",
                  EventError.SCHEMA_MISMATCH,
                  "the schema registered for '"
                      + eventType
                      + "' cannot be used: "
                      + e.getMessage())));
    }
    Envelope envelope =
        new Envelope(registerEnvelope(typedEnvelopeSubject(eventType), schema, true), schema);
    typedEnvelopes.putIfAbsent(data.registered().id(), envelope);
    return envelope;
  }

  /**
   * The id of {@code envelope} under {@code subject}: looked up first, so a registry in READONLY
   * mode still serves envelopes registered before, and registered only when new.
   */
  private int registerEnvelope(String subject, Schema envelope, boolean followsDataSubject) {
    SchemaRequest request = SchemaRequest.avro(envelope.toString());
    try {
      try {
        return registry.lookup(subject, request, false).id();
      } catch (SchemaRegistryException e) {
        if (e.errorCode() != 40401 && e.errorCode() != 40403) {
          throw e;
        }
      }
      if (followsDataSubject) {
        registry.setSubjectCompatibility(subject, CompatibilityLevel.NONE);
      }
      return registry.register(subject, request);
    } catch (SchemaRegistryException e) {
      if (e.status() >= 500) {
        throw ApiException.unavailable(
            "the schema registry cannot register the event envelope: " + e.getMessage(),
            RETRY_AFTER_SECONDS);
      }
      throw new ApiException(
          422,
          "schema_registry_error",
          "the event envelope cannot be registered under '" + subject + "': " + e.getMessage());
    }
  }

  @Override
  public void stop() {}
}
