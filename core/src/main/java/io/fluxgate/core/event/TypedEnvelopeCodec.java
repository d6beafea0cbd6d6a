package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Plain Avro binary of event envelopes, generic or typed (see {@link EnvelopeSchemas}), with no
 * header: the caller frames it (e.g. Confluent's magic byte and schema id) and knows the schema.
 *
 * <pre>{@code
 * Schema envelope = EnvelopeSchemas.typed(paymentSchema);
 * Object data = TypedData.toAvro(json.get("data"), paymentSchema, "data");
 * byte[] body = codec.encode(event, envelope, data);
 * UniversalEvent read = codec.decode(body, envelope); // data back in the JsonValue form
 * }</pre>
 *
 * Readers and writers are built once per envelope schema; instances are thread-safe.
 */
public final class TypedEnvelopeCodec {

  private static final SpecificData SPECIFIC = SpecificData.getForClass(UniversalEvent.class);
  private static final int MAX_CACHED = 1024;

  private final ConcurrentMap<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, Optional<DatumWriter<Object>>> dataWriters =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Schema, Boolean> readByHand = new ConcurrentHashMap<>();

  /** As {@link #encode(UniversalEvent, Schema, Object, OutputStream)}, into a new array. */
  public byte[] encode(UniversalEvent event, Schema envelope, Object typedData) {
    AvroBinaryBuffer out = AvroBinaryBuffer.local();
    encode(event, envelope, typedData, out);
    return out.toByteArray();
  }

  /**
   * Writes {@code event} with {@code envelope}. With the generic envelope the event's own {@code
   * data} is written and {@code typedData} is ignored; with a typed one {@code typedData}, the
   * datum {@link TypedData#toAvro} made for the envelope's data schema, is written instead.
   *
   * <p>The envelope fields are written by hand ({@link UniversalEventWriter}), the typed data by
   * Avro's writer for the data schema; events the hand-written code declines (and envelopes of
   * another layout) go through Avro's writer for the whole envelope. The bytes are the same.
   *
   * @throws IllegalArgumentException when the event or datum does not fit the envelope
   */
  public void encode(UniversalEvent event, Schema envelope, Object typedData, OutputStream out) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(out, "out");
    if (out instanceof AvroBinaryBuffer buffer) {
      encodeInto(event, envelope, typedData, buffer);
      return;
    }
    AvroBinaryBuffer buffer = AvroBinaryBuffer.local();
    encodeInto(event, envelope, typedData, buffer);
    try {
      buffer.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.getId(), e);
    }
  }

  private void encodeInto(
      UniversalEvent event, Schema envelope, Object typedData, AvroBinaryBuffer out) {
    if (EnvelopeSchemas.isGeneric(envelope)) {
      if (UniversalEventWriter.write(event, out)) {
        return;
      }
    } else {
      Optional<DatumWriter<Object>> data =
          cached(dataWriters, envelope, TypedEnvelopeCodec::newDataWriter);
      if (data.isPresent() && UniversalEventWriter.writeHead(event, out)) {
        write(event, data.get(), typedData, out);
        return;
      }
    }
    encodeWithAvro(event, envelope, typedData, out);
  }

  /** The whole envelope with Avro's writer: the reference the hand-written path must equal. */
  void encodeWithAvro(UniversalEvent event, Schema envelope, Object typedData, OutputStream out) {
    boolean generic = EnvelopeSchemas.isGeneric(envelope);
    DatumWriter<Object> writer = cached(writers, envelope, TypedEnvelopeCodec::newWriter);
    Object datum = generic ? event : envelopeRecord(event, envelope, typedData);
    write(event, writer, datum, out);
  }

  private static void write(
      UniversalEvent event, DatumWriter<Object> writer, Object datum, OutputStream out) {
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writer.write(datum, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write event " + event.getId(), e);
    } catch (AvroRuntimeException | ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "event " + event.getId() + " does not fit its envelope schema: " + e.getMessage(), e);
    }
  }

  /** As {@link #decode(byte[], int, int, Schema)} for the whole array. */
  public UniversalEvent decode(byte[] body, Schema writerEnvelope) {
    return decode(body, 0, body.length, writerEnvelope);
  }

  /**
   * Reads an event written with {@code writerEnvelope}, generic or typed, from {@code
   * body[offset..offset+length)}. A typed {@code data} comes back in the {@code JsonValue} form of
   * its natural JSON ({@link TypedData#toJson}), so {@link EventJson#toJson} renders it.
   *
   * <p>Envelopes of the generic layout are read by hand ({@link UniversalEventReader}), the others
   * by Avro's reader, resolved into the current layout.
   *
   * @throws IllegalArgumentException when the bytes are not an envelope of that schema
   */
  public UniversalEvent decode(byte[] body, int offset, int length, Schema writerEnvelope) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(writerEnvelope, "writerEnvelope");
    if (cached(readByHand, writerEnvelope, UniversalEventReader::reads)) {
      UniversalEvent event = UniversalEventReader.read(body, offset, length);
      if (event != null) {
        return event;
      }
      // Nested too deep for the hand-written reader: Avro's recursive one reads it.
    }
    return decodeWithAvro(body, offset, length, writerEnvelope);
  }

  /**
   * As {@link #decode(byte[], int, int, Schema)} with Avro's reader: the hand-written one's
   * reference.
   */
  UniversalEvent decodeWithAvro(byte[] body, int offset, int length, Schema writerEnvelope) {
    DatumReader<Object> reader = cached(readers, writerEnvelope, TypedEnvelopeCodec::newReader);
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(body, offset, length, null);
    Object read;
    boolean end;
    try {
      read = reader.read(null, decoder);
      end = decoder.isEnd();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "corrupt event envelope (" + length + " bytes) for its schema: " + e, e);
    }
    if (!end) {
      throw new IllegalArgumentException(
          "trailing bytes after an event envelope (" + length + " bytes)");
    }
    return read instanceof UniversalEvent event ? event : toEvent((GenericRecord) read);
  }

  private static DatumWriter<Object> newWriter(Schema envelope) {
    return EnvelopeSchemas.isGeneric(envelope)
        ? new SpecificDatumWriter<>(envelope, SPECIFIC)
        : new GenericDatumWriter<>(envelope, TypedData.MODEL);
  }

  /**
   * Avro's writer for the data of a typed envelope laid out as the generic one (the same fields,
   * {@code data} last), whose other fields {@link UniversalEventWriter#writeHead} writes; empty for
   * any other layout.
   */
  private static Optional<DatumWriter<Object>> newDataWriter(Schema envelope) {
    List<Schema.Field> fields = envelope.getFields();
    List<Schema.Field> own = UniversalEvent.getClassSchema().getFields();
    if (fields.size() != own.size()
        || !EnvelopeSchemas.DATA_FIELD.equals(fields.get(fields.size() - 1).name())) {
      return Optional.empty();
    }
    for (int i = 0; i < fields.size() - 1; i++) {
      if (!fields.get(i).name().equals(own.get(i).name())
          || !fields.get(i).schema().equals(own.get(i).schema())) {
        return Optional.empty();
      }
    }
    Schema data = fields.get(fields.size() - 1).schema();
    return Optional.of(new GenericDatumWriter<>(data, TypedData.MODEL));
  }

  private static DatumReader<Object> newReader(Schema writer) {
    if (EnvelopeSchemas.isGeneric(writer)) {
      return new SpecificDatumReader<>(writer, UniversalEvent.getClassSchema(), SPECIFIC);
    }
    // Read into the current envelope layout, so an envelope of another version still resolves.
    Schema reader = EnvelopeSchemas.typed(EnvelopeSchemas.dataSchema(writer));
    return new GenericDatumReader<>(writer, reader, TypedData.MODEL);
  }

  private static <T> T cached(
      ConcurrentMap<Schema, T> cache, Schema schema, Function<Schema, T> create) {
    T known = cache.get(schema);
    if (known != null) {
      return known;
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    return cache.computeIfAbsent(schema, create);
  }

  /** The typed envelope record: the event's own values (timestamp raw) and the typed data. */
  private static GenericRecord envelopeRecord(
      UniversalEvent event, Schema envelope, Object typedData) {
    GenericData.Record record = new GenericData.Record(envelope);
    Schema own = UniversalEvent.getClassSchema();
    for (Schema.Field field : envelope.getFields()) {
      if (EnvelopeSchemas.DATA_FIELD.equals(field.name())) {
        record.put(field.pos(), typedData);
        continue;
      }
      Schema.Field ownField = own.getField(field.name());
      if (ownField == null) {
        throw new IllegalArgumentException("the envelope has a field unknown to events: " + field);
      }
      Object value = event.get(ownField.pos());
      record.put(field.pos(), value instanceof Instant instant ? micros(instant) : value);
    }
    return record;
  }

  private static UniversalEvent toEvent(GenericRecord record) {
    Schema schema = record.getSchema();
    Schema dataSchema = schema.getField(EnvelopeSchemas.DATA_FIELD).schema();
    Map<String, String> metadata = new LinkedHashMap<>();
    ((Map<?, ?>) record.get("metadata"))
        .forEach((key, value) -> metadata.put(key.toString(), value.toString()));
    Object ttl = record.get("ttl_seconds");
    return new UniversalEvent(
        record.get("event_type").toString(),
        record.get("id").toString(),
        instant((Long) record.get("timestamp")),
        record.get("version").toString(),
        (Priority) SPECIFIC.deepCopy(Priority.getClassSchema(), record.get("priority")),
        (EventSource) SPECIFIC.deepCopy(EventSource.getClassSchema(), record.get("source")),
        (Long) ttl,
        metadata,
        JsonData.toAvro(TypedData.toJson(record.get(EnvelopeSchemas.DATA_FIELD), dataSchema)));
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }
}
