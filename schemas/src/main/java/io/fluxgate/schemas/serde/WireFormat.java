package io.fluxgate.schemas.serde;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: a magic byte 0, the schema's registry id as a 4-byte big-endian integer,
 * then the Avro binary encoding of the value. Any Confluent-compatible client reads what follows
 * this header with the schema the id names.
 */
public final class WireFormat {
  /** The first byte of every framed value; any other value is not in this format. */
  public static final byte MAGIC_BYTE = 0x0;

  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /** Writes the header that names {@code schemaId}. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /**
   * Reads the schema id from the header of {@code payload}.
   *
   * @throws SerializationException when the payload is shorter than the header or does not start
   *     with the magic byte
   */
  public static int schemaId(byte[] payload) {
    if (payload.length < HEADER_LENGTH) {
      throw new SerializationException(
          "Payload of "
              + payload.length
              + " bytes is too short for the Confluent wire format: it needs a magic byte, a"
              + " 4-byte schema id and the Avro data");
    }
    if (payload[0] != MAGIC_BYTE) {
      throw new SerializationException(
          String.format(
              "Unknown magic byte 0x%02x: the value is not in the Confluent wire format, which"
                  + " starts with 0x00",
              payload[0]));
    }
    return ((payload[1] & 0xff) << 24)
        | ((payload[2] & 0xff) << 16)
        | ((payload[3] & 0xff) << 8)
        | (payload[4] & 0xff);
  }
}
