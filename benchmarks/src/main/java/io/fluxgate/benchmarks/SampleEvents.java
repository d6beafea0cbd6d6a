package io.fluxgate.benchmarks;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.schemas.registry.CompatibilityLevel;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;

/**
 * The events the benchmarks publish and the in-memory registry they are encoded against: the
 * envelopes registered under the subjects the gateway's {@code EventEncoder} uses.
 */
final class SampleEvents {
  /** The gateway's {@code EventEncoder.ENVELOPE_SUBJECT}; the gateway is not a dependency. */
  static final String GENERIC_ENVELOPE_SUBJECT = "fluxgate:envelope";

  static final String PAYMENT_TYPE = "payment.processed";

  static final String PAYMENT_SCHEMA =
      """
      {"type": "record", "name": "Payment", "namespace": "com.acme.payments", "fields": [
        {"name": "payment_id", "type": "string"},
        {"name": "amount", "type": "double"},
        {"name": "currency", "type": "string"},
        {"name": "captured", "type": "boolean"},
        {"name": "attempts", "type": "int"},
        {"name": "note", "type": ["null", "string"], "default": null}]}""";

  /** A generic event of about 300 bytes: every envelope field, nested data, two metadata keys. */
  static final byte[] GENERIC_JSON =
      utf8(
          """
          {"id":"7f3c2a9e-5b1d-4c8e-9a6f-2d4e8b1c0f37","event_type":"order.item.shipped",\
          "timestamp":"2026-11-24T02:07:59.123Z","version":"1.0",\
          "source":{"component":"warehouse","instance_id":"wh-3"},\
          "data":{"order":"o-1029384","sku":"SKU-44721","qty":3,"price":19.90,"tags":["gift"]},\
          "metadata":{"env":"prod"},"priority":"normal"}""");

  /** An event whose type has a registered data schema ({@link #PAYMENT_SCHEMA}). */
  static final byte[] TYPED_JSON =
      utf8(
          """
          {"id":"0b9d6c1e-8a2f-4e7d-b3c5-9f1a2e4d6c80","event_type":"payment.processed",\
          "timestamp":"2026-11-24T02:07:59.123Z","version":"1.0",\
          "source":{"component":"payments","instance_id":"pay-1"},\
          "data":{"payment_id":"p-88213","amount":129.95,"currency":"EUR","captured":true,\
          "attempts":1,"note":null},"metadata":{"env":"prod"},"priority":"high"}""");

  private SampleEvents() {}

  /** A started registry over an in-memory log, with the payment data schema registered. */
  static SchemaRegistryService startedRegistry() {
    SchemaRegistryService registry = new SchemaRegistryService(new InMemoryRegistryLog());
    registry.start();
    registry.register(PAYMENT_TYPE, SchemaRequest.avro(PAYMENT_SCHEMA));
    return registry;
  }

  /** Registers the generic envelope as the gateway does and returns its id. */
  static int registerGenericEnvelope(SchemaRegistryService registry) {
    return registry.register(
        GENERIC_ENVELOPE_SUBJECT, SchemaRequest.avro(EnvelopeSchemas.generic().toString()));
  }

  /** Registers {@code envelope}, the typed envelope of {@code eventType}, as the gateway does. */
  static int registerTypedEnvelope(
      SchemaRegistryService registry, String eventType, Schema envelope) {
    String subject = GENERIC_ENVELOPE_SUBJECT + ":" + eventType;
    registry.setSubjectCompatibility(subject, CompatibilityLevel.NONE);
    return registry.register(subject, SchemaRequest.avro(envelope.toString()));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
