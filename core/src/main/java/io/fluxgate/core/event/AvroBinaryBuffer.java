package io.fluxgate.core.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.util.Utf8;

/**
 * A growable byte array with the Avro binary primitives the envelope writer needs (zig-zag varints,
 * booleans, length-prefixed UTF-8 strings), written straight into the array with the same bytes as
 * Avro's {@code BinaryEncoder}. It is a {@link ByteArrayOutputStream}, so Avro encoders and the
 * wire-format header can write into it too.
 *
 * <p>Each thread reuses one buffer through {@link #local()}, so encoding an event neither regrows a
 * fresh stream nor allocates more than the final copy; a buffer that grew beyond {@value #RETAINED}
 * bytes for a big event is dropped rather than kept by the thread.
 */
final class AvroBinaryBuffer extends ByteArrayOutputStream {

  static final int RETAINED = 64 * 1024;
  private static final int INITIAL = 1024;
  private static final ThreadLocal<AvroBinaryBuffer> LOCAL =
      ThreadLocal.withInitial(() -> new AvroBinaryBuffer(INITIAL));

  AvroBinaryBuffer(int capacity) {
    super(capacity);
  }

  /** This thread's buffer, emptied. Not reentrant: one encoding at a time per thread. */
  static AvroBinaryBuffer local() {
    AvroBinaryBuffer buffer = LOCAL.get();
    if (buffer.buf.length > RETAINED) {
      buffer = new AvroBinaryBuffer(INITIAL);
      LOCAL.set(buffer);
    }
    buffer.count = 0;
    return buffer;
  }

  /** Forgets everything written after the first {@code size} bytes. */
  void truncate(int size) {
    if (size < 0 || size > count) {
      throw new IndexOutOfBoundsException(size);
    }
    count = size;
  }

  /** Avro {@code long} (and {@code int}, same bytes): zig-zag, then 7 bits per byte. */
  void writeLong(long value) {
    ensure(10);
    long n = (value << 1) ^ (value >> 63);
    byte[] b = buf;
    int at = count;
    while ((n & ~0x7FL) != 0) {
      b[at++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    b[at++] = (byte) n;
    count = at;
  }

  /** Avro {@code boolean}: one byte, 1 or 0. */
  void writeBoolean(boolean value) {
    ensure(1);
    buf[count++] = (byte) (value ? 1 : 0);
  }

  /**
   * Avro {@code string}: UTF-8 byte length, then the bytes; a {@link Utf8} as its own bytes, any
   * other text as {@code toString().getBytes(UTF_8)} (lone surrogates become {@code ?}), as Avro's
   * encoder does.
   */
  void writeString(CharSequence text) {
    if (text instanceof Utf8 utf8) {
      writeBytes(utf8.getBytes(), utf8.getByteLength());
      return;
    }
    // The JDK encodes an ASCII string with a vectorized check and an array copy; a loop over its
    // chars here was the largest part of encoding a load-generator event (a 200-char pad string).
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    writeBytes(bytes, bytes.length);
  }

  private void writeBytes(byte[] bytes, int length) {
    writeLong(length);
    ensure(length);
    System.arraycopy(bytes, 0, buf, count, length);
    count += length;
  }

  private void ensure(int more) {
    int needed = count + more;
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
