package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.MissingSchemaException;

/**
 * Turns events into Kafka record values and back: Avro binary in Avro's single-object encoding
 * ({@code C3 01}, the 8-byte schema fingerprint, then the datum).
 *
 * <pre>{@code
 * byte[] value = EventCodec.encode(event);
 * UniversalEvent same = EventCodec.decode(value);
 * }</pre>
 *
 * This is the only place that knows the wire format, so it can later move to a schema registry.
 */
public final class EventCodec {

  private EventCodec() {}

  /** The Avro single-object encoding of {@code event}. */
  public static byte[] encode(UniversalEvent event) {
    Objects.requireNonNull(event, "event");
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      UniversalEvent.getEncoder().encode(event, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode event " + event.getId(), e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes a value written by {@link #encode}.
   *
   * @throws IllegalArgumentException when {@code bytes} is not an encoded {@code UniversalEvent}
   */
  public static UniversalEvent decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return UniversalEvent.getDecoder().decode(bytes);
    } catch (BadHeaderException e) {
      throw new IllegalArgumentException(
          "not an Avro single-object encoded UniversalEvent (" + bytes.length + " bytes)", e);
    } catch (MissingSchemaException e) {
      throw new IllegalArgumentException(
          "Avro single-object payload written with an unknown schema: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "corrupt UniversalEvent payload (" + bytes.length + " bytes): " + e, e);
    }
  }
}
