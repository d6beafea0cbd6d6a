package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.serde.WireFormat;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns events into Kafka record values and back, in Confluent's wire format: a magic byte 0, the
 * registry id of the envelope schema (4 bytes, big-endian), then the Avro binary of the event. Any
 * Confluent-compatible Avro deserializer pointed at the registry reads these values.
 *
 * <pre>{@code
 * EventCodec codec = new EventCodec(registry::writerSchema);
 * byte[] value = codec.encode(genericEnvelopeId, event);
 * UniversalEvent same = codec.decode(value);
 * }</pre>
 *
 * Events of a type without a registered data schema use the generic envelope ({@link
 * EnvelopeSchemas#generic()}); typed events use {@link EnvelopeSchemas#typed} with the data datum
 * from {@link TypedData}. Decoding works for both and always gives {@code data} in the generic JSON
 * form.
 */
public final class EventCodec {

  /** Finds the schema a record was written with, by its registry id. */
  @FunctionalInterface
  public interface WriterSchemas {
    /**
     * @throws IllegalArgumentException when no schema has that id
     */
    Schema byId(int id);
  }

  private final WriterSchemas writerSchemas;
  private final TypedEnvelopeCodec bodies = new TypedEnvelopeCodec();

  public EventCodec(WriterSchemas writerSchemas) {
    this.writerSchemas = Objects.requireNonNull(writerSchemas, "writerSchemas");
  }

  /** {@code event} in the generic envelope, registered as {@code genericEnvelopeId}. */
  public byte[] encode(int genericEnvelopeId, UniversalEvent event) {
    return encodeTyped(genericEnvelopeId, EnvelopeSchemas.generic(), event, event.getData());
  }

  /**
   * {@code event} in a typed envelope registered as {@code envelopeId}, with {@code typedData} (an
   * Avro datum of the envelope's data schema) in place of the event's generic data.
   */
  public byte[] encodeTyped(
      int envelopeId, Schema envelope, UniversalEvent event, Object typedData) {
    Objects.requireNonNull(event, "event");
    AvroBinaryBuffer out = AvroBinaryBuffer.local();
    WireFormat.writeHeader(out, envelopeId);
    bodies.encode(event, envelope, typedData, out);
    return out.toByteArray();
  }

  /**
   * Decodes a value written by {@link #encode} or {@link #encodeTyped}, on any instance.
   *
   * @throws IllegalArgumentException when {@code value} is not a Confluent-framed event envelope of
   *     a known schema
   */
  public UniversalEvent decode(byte[] value) {
    Objects.requireNonNull(value, "value");
    int id;
    try {
      id = WireFormat.schemaId(value);
    } catch (SerializationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Schema writer = writerSchemas.byId(id);
    try {
      return bodies.decode(
          value, WireFormat.HEADER_LENGTH, value.length - WireFormat.HEADER_LENGTH, writer);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "corrupt event payload of " + value.length + " bytes with schema id " + id + ": " + e, e);
    }
  }

  /** The registry id in the header of {@code value}. */
  public static int schemaId(byte[] value) {
    return WireFormat.schemaId(value);
  }
}
