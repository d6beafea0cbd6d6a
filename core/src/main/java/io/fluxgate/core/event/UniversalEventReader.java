package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Reads the Avro binary of a generic envelope by hand, the counterpart of {@link
 * UniversalEventWriter}: field by field in schema order, straight from the array into the generated
 * classes, without the per-field readers, reflective constructors and {@code Utf8} copies of Avro's
 * {@code SpecificDatumReader}. Delivery spent a third of its thread's CPU there.
 *
 * <p>Only for a writer schema of exactly the layout this code reads ({@link #reads}); envelopes of
 * another layout, which need schema resolution, stay with Avro, and so do events nested deeper than
 * {@link #MAX_DEPTH} ({@link #read} returns null).
 *
 * <p>It builds what Avro's reader builds from what Avro's writer writes, so that events compare
 * equal and render alike: {@code String}s decoded as UTF-8 (malformed sequences replaced), a {@code
 * HashMap} for {@code metadata}, filled in the same order, the timestamp through Avro's own micros
 * conversion. Arrays are {@code ArrayList}s where Avro's are {@code GenericData.Array}s; both are
 * lists and compare equal.
 *
 * <p>Bytes that no writer of this layout produces are refused with an {@link
 * IllegalArgumentException} naming what is wrong and where: the envelope ends early, a length or
 * count runs past its end, a union or enum index is out of range, a boolean is neither 0 nor 1, a
 * varint is longer than its type allows, bytes follow the envelope. Nothing is sized by a count
 * before the count is checked against the bytes left, so a corrupt record cannot make it allocate
 * more than its own size (Avro's reader sizes arrays and maps by the count it reads).
 */
final class UniversalEventReader {

  /**
   * Deepest nesting of {@code data} read by hand (publishing allows 64 by default); deeper events
   * go to Avro's reader.
   */
  static final int MAX_DEPTH = 256;

  private static final Priority[] PRIORITIES = Priority.values();

  /** Thrown inside the reader for nesting it leaves to Avro; never escapes {@link #read}. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super("too deep", null, false, false);
    }
  }

  private static final TooDeep TOO_DEEP = new TooDeep();

  private final byte[] bytes;
  private final int start;
  private final int end;
  private int pos;

  private UniversalEventReader(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.start = offset;
    this.pos = offset;
    this.end = offset + length;
  }

  /**
   * Whether {@code writer} is an envelope of the layout read here (the generic envelope's, which
   * {@link UniversalEventWriter#HANDLED_SHAPE} names), so that reading it needs no resolution.
   */
  static boolean reads(Schema writer) {
    return writer == UniversalEvent.getClassSchema()
        || UniversalEventWriter.HANDLED_SHAPE.equals(UniversalEventWriter.shape(writer));
  }

  /**
   * The event in {@code bytes[offset..offset+length)}, written with a schema {@link #reads}
   * accepts.
   *
   * @return the event, or null when it is nested deeper than {@link #MAX_DEPTH} and left to Avro
   * @throws IllegalArgumentException when the bytes are not an envelope of this layout
   */
  static UniversalEvent read(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length); // no int overflow, unlike a sum
    UniversalEventReader reader = new UniversalEventReader(bytes, offset, length);
    UniversalEvent event;
    try {
      event = reader.event();
    } catch (TooDeep e) {
      return null;
    }
    if (reader.pos != reader.end) {
      throw new IllegalArgumentException(
          "trailing bytes after an event envelope (" + length + " bytes)");
    }
    return event;
  }

  private UniversalEvent event() {
    String eventType = string();
    String id = string();
    Instant timestamp =
        UniversalEventWriter.MICROS.fromLong(
            varLong(), UniversalEventWriter.TIMESTAMP, UniversalEventWriter.TIMESTAMP_TYPE);
    String version = string();
    Priority priority = PRIORITIES[index(PRIORITIES.length)];
    EventSource source = new EventSource(optionalString(), optionalString(), optionalString());
    Long ttl = index(2) == 0 ? null : varLong();
    Map<String, String> metadata = metadata();
    JsonValue data = value(1);
    return new UniversalEvent(
        eventType, id, timestamp, version, priority, source, ttl, metadata, data);
  }

  private String optionalString() {
    return index(2) == 0 ? null : string();
  }

  private Map<String, String> metadata() {
    long count = blockCount();
    Map<String, String> metadata = new HashMap<>(); // as Avro's reader makes it: the same order
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        String key = string();
        metadata.put(key, string());
      }
      count = blockCount();
    }
    return metadata;
  }

  private JsonValue value(int depth) {
    if (depth > MAX_DEPTH) {
      throw TOO_DEEP;
    }
    return new JsonValue(
        switch (index(UniversalEventWriter.OBJECT + 1)) {
          case UniversalEventWriter.NULL -> null;
          case UniversalEventWriter.BOOLEAN -> bool();
          case UniversalEventWriter.LONG -> varLong();
          case UniversalEventWriter.STRING -> string();
          case UniversalEventWriter.NUMBER -> new JsonNumber(string());
          case UniversalEventWriter.ARRAY -> items(depth);
          default -> new JsonObject(fields(depth));
        });
  }

  private List<JsonValue> items(int depth) {
    long count = blockCount();
    List<JsonValue> items = new ArrayList<>((int) count);
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        items.add(value(depth + 1));
      }
      count = blockCount();
    }
    return items;
  }

  private List<JsonField> fields(int depth) {
    long count = blockCount();
    List<JsonField> fields = new ArrayList<>((int) count);
    while (count > 0) {
      for (long i = 0; i < count; i++) {
        String name = string();
        fields.add(new JsonField(name, value(depth + 1)));
      }
      count = blockCount();
    }
    return fields;
  }

  /**
   * The item count of the next block of an array or map (0 ends it); a negative count is followed
   * by the block's size in bytes, which is skipped. Every item takes at least one byte, so a count
   * beyond what is left is refused before anything is sized by it.
   */
  private long blockCount() {
    long count = varLong();
    if (count < 0) {
      if (count == Long.MIN_VALUE) {
        throw corrupt("a block count of " + count);
      }
      count = -count;
      varLong();
    }
    if (count > end - pos) {
      throw corrupt("a block of " + count + " items with " + (end - pos) + " bytes left");
    }
    return count;
  }

  private String string() {
    long length = varLong();
    if (length < 0 || length > end - pos) {
      throw corrupt("a string of " + length + " bytes with " + (end - pos) + " bytes left");
    }
    int n = (int) length;
    String text = n == 0 ? "" : new String(bytes, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return text;
  }

  private boolean bool() {
    if (pos >= end) {
      throw corrupt("the envelope ends early");
    }
    byte b = bytes[pos++];
    if (b == 0 || b == 1) {
      return b == 1;
    }
    throw corrupt("a boolean byte of " + b);
  }

  /**
   * A union branch or enum symbol index below {@code bound}: an Avro int, so five bytes at most.
   */
  private int index(int bound) {
    int from = pos;
    long value = varLong();
    if (pos - from > 5 || value < 0 || value >= bound) {
      throw corrupt(
          "an index of " + value + " (" + (pos - from) + " bytes) where " + bound + " exist");
    }
    return (int) value;
  }

  /** A zig-zag varint of at most ten bytes, as Avro writes a long. */
  private long varLong() {
    long raw = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos >= end) {
        throw corrupt("the envelope ends early");
      }
      int b = bytes[pos++];
      if (shift == 63 && (b & 0x7e) != 0) {
        throw corrupt("a varint with bits past the 64th");
      }
      raw |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw corrupt("a varint longer than 10 bytes");
  }

  private IllegalArgumentException corrupt(String what) {
    return new IllegalArgumentException(
        "corrupt event envelope ("
            + (end - start)
            + " bytes) for its schema: "
            + what
            + " at byte "
            + (pos - start));
  }
}
