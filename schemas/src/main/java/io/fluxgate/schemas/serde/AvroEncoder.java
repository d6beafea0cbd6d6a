package io.fluxgate.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes values as Avro binary, keeping one datum writer per schema. Generated classes are written
 * with their own model so that their logical types (timestamps, decimals) convert as generated.
 */
final class AvroEncoder {
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();

  /** The value framed in the wire format: header naming {@code schemaId}, then the Avro data. */
  byte[] frame(int schemaId, Schema schema, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    WireFormat.writeHeader(out, schemaId);
    write(schema, value, out);
    return out.toByteArray();
  }

  /** The value's Avro binary encoding alone. */
  byte[] encode(Schema schema, Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    write(schema, value, out);
    return out.toByteArray();
  }

  private void write(Schema schema, Object value, OutputStream out) throws IOException {
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer(schema, value).write(AvroValues.toAvro(value), encoder);
    encoder.flush();
  }

  private DatumWriter<Object> writer(Schema schema, Object value) {
    if (value instanceof SpecificRecord) {
      return specificWriters.computeIfAbsent(
          schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(value.getClass())));
    }
    return genericWriters.computeIfAbsent(
        schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
  }
}
