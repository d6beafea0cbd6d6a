package io.fluxgate.gateway.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.fluxgate.core.event.EventJsonWriter;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One delivered event's JSON at a time, in a buffer reused from event to event, for a long poll's
 * array or a stream's {@code data:} line.
 *
 * <p>Each event is rendered whole before any of it reaches the client, so that an event that fails
 * half-way (a corrupt number in its data) is skipped as an undecodable one is, and the answer stays
 * valid JSON. Jackson's compact output escapes every control character: the JSON holds no line
 * break. Used by one thread.
 */
final class EventJsonBuffer implements AutoCloseable {
  private static final JsonFactory JSON =
      new JsonFactoryBuilder().rootValueSeparator((SerializableString) null).build();

  private final EventRenderer renderer;
  private final Bytes bytes = new Bytes();
  private JsonGenerator generator;

  EventJsonBuffer(EventRenderer renderer) {
    this.renderer = renderer;
  }

  /** Renders the record's event; false (and the buffer empty) when it is not delivered. */
  boolean render(ConsumerRecord<String, byte[]> record) {
    Optional<UniversalEvent> event = renderer.decode(record);
    return event.isPresent() && render(record, event.get(), EventJsonWriter.ExtraFields.NONE);
  }

  /** Renders a decoded event; false (and the buffer empty) when it cannot be written. */
  boolean render(
      ConsumerRecord<String, byte[]> record,
      UniversalEvent event,
      EventJsonWriter.ExtraFields extra) {
    bytes.reset();
    try {
      if (generator == null) {
        generator = JSON.createGenerator(bytes);
      }
      renderer.write(generator, record, event, extra);
      generator.flush();
      return true;
    } catch (RuntimeException e) {
      // The generator stands half-way in an object: start the next event on a fresh one.
      generator = null;
      bytes.reset();
      EventRenderer.skipped(record, e);
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the buffer does not throw
    }
  }

  /** The rendered event's length in bytes. */
  int size() {
    return bytes.count;
  }

  void writeTo(OutputStream out) throws IOException {
    out.write(bytes.buffer, 0, bytes.count);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes.buffer, bytes.count);
  }

  @Override
  public void close() {
    if (generator != null) {
      try {
        generator.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      generator = null;
    }
  }

  /** An unsynchronized, resettable byte array stream. */
  private static final class Bytes extends OutputStream {
    private byte[] buffer = new byte[1024];
    private int count;

    void reset() {
      count = 0;
    }

    @Override
    public void write(int b) {
      ensure(1);
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buffer, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, count + more));
      }
    }
  }
}
