package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The hand-written envelope reader against Avro's {@code SpecificDatumReader}: the same events on
 * many random envelopes and on every corrupted one it accepts, a clear refusal of the others
 * without sizing anything by a corrupt count, and Avro left to read envelopes of another layout and
 * events nested deeper than it reads.
 */
class UniversalEventReaderTest {

  private static final Schema GENERIC = EnvelopeSchemas.generic();

  private final TypedEnvelopeCodec codec = new TypedEnvelopeCodec();

  @Test
  void shouldReadRandomEnvelopesAsAvroDoes() {
    Random random = new Random(20261124L);
    for (int i = 0; i < 3000; i++) {
      byte[] body =
          UniversalEventWriterTest.specific(
              UniversalEventWriterTest.randomEvent(random, i % 5 == 0));

      UniversalEvent byHand = UniversalEventReader.read(body, 0, body.length);
      UniversalEvent avro = codec.decodeWithAvro(body, 0, body.length, GENERIC);

      assertThat(byHand).as("event %d", i).isNotNull().isEqualTo(avro);
      assertThat(List.copyOf(byHand.getMetadata().keySet()))
          .as("metadata order of event %d", i)
          .isEqualTo(List.copyOf(avro.getMetadata().keySet()));
      assertThat(rendered(byHand)).as("event %d", i).isEqualTo(rendered(avro));
      assertThat(codec.decode(body, GENERIC)).isEqualTo(avro);
    }
  }

  @Test
  void shouldReadAnEnvelopeInsideALargerArray() {
    UniversalEvent event = UniversalEventWriterTest.randomEvent(new Random(3L), false);
    byte[] body = UniversalEventWriterTest.specific(event);
    byte[] framed = new byte[body.length + 9];
    Arrays.fill(framed, (byte) 0x7f);
    System.arraycopy(body, 0, framed, 5, body.length);

    UniversalEvent read = UniversalEventReader.read(framed, 5, body.length);

    assertThat(read).isEqualTo(codec.decodeWithAvro(body, 0, body.length, GENERIC));
    assertThatThrownBy(() -> UniversalEventReader.read(framed, 5, body.length + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing bytes"); // the 0x7f after it
    assertThatThrownBy(() -> UniversalEventReader.read(framed, 5, framed.length))
        .isInstanceOf(IndexOutOfBoundsException.class); // past the array
    assertThatThrownBy(() -> UniversalEventReader.read(framed, 5, Integer.MAX_VALUE))
        .isInstanceOf(IndexOutOfBoundsException.class); // an end past Integer.MAX_VALUE
  }

  @Test
  void shouldReadWhatItAcceptsAsAvroDoesAndRefuseTheRest() {
    Random random = new Random(42L);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] body =
          UniversalEventWriterTest.specific(UniversalEventWriterTest.randomEvent(random, false));
      int kind = random.nextInt(4);
      byte[] corrupt = corrupt(body, kind, random);

      UniversalEvent byHand;
      try {
        byHand = UniversalEventReader.read(corrupt, 0, corrupt.length);
      } catch (IllegalArgumentException e) {
        assertThat(e).hasMessageContaining("event envelope");
        assertThatThrownBy(() -> codec.decode(corrupt, GENERIC))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(e.getMessage());
        if (kind < 2) {
          // Cut short or lengthened, the counts are the writer's: Avro can be asked safely.
          assertThat(avroAnswer(corrupt)).as("case %d", i).isInstanceOf(Exception.class);
        }
        refused++;
        continue;
      }
      // Whatever the hand-written reader accepts, Avro reads the same way.
      assertThat(byHand).as("case %d", i).isNotNull().isEqualTo(avroAnswer(corrupt));
      accepted++;
    }
    // Both kinds of case were exercised, not only one.
    assertThat(accepted).isGreaterThan(100);
    assertThat(refused).isGreaterThan(100);
  }

  @Test
  void shouldRefuseWhatNoWriterOfItsLayoutWrites() {
    byte[] body = UniversalEventWriterTest.specific(minimal(new JsonValue(true)));
    // After the event type, the id (each a length byte and the text), the timestamp (8 bytes of
    // varint) and the version.
    int priority = (1 + "order.created".length()) + (1 + 36) + 8 + (1 + 3);
    assertThat(body[priority]).isEqualTo((byte) (2 * Priority.NORMAL.ordinal()));
    byte[] badPriority = body.clone();
    badPriority[priority] = 8; // index 4 of 4 symbols
    byte[] badBoolean = body.clone();
    badBoolean[body.length - 1] = 2;
    byte[] badBranch = body.clone();
    badBranch[body.length - 2] = 14; // branch 7 of 7
    byte[] noMetadata = UniversalEventWriterTest.specific(minimal(new JsonValue(null)));
    // The metadata's count (0) becomes 0xfe 0xff 0xff 0xff 0x0f: 2^31 - 1 entries, 1 byte left.
    byte[] hugeMetadata = Arrays.copyOf(noMetadata, noMetadata.length + 4);
    byte[] count = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    System.arraycopy(count, 0, hugeMetadata, noMetadata.length - 2, count.length);
    byte[] elevenBytes = new byte[11];
    Arrays.fill(elevenBytes, (byte) 0x80);
    Map<byte[], String> cases = new LinkedHashMap<>();
    cases.put(Arrays.copyOf(body, body.length + 1), "trailing bytes");
    cases.put(Arrays.copyOf(body, body.length - 1), "ends early");
    cases.put(new byte[] {1}, "a string of -1 bytes");
    cases.put(badPriority, "an index of 4");
    cases.put(badBoolean, "a boolean byte of 2");
    cases.put(badBranch, "an index of 7");
    cases.put(hugeMetadata, "a block of 2147483647 items with 1 bytes left");
    cases.put(elevenBytes, "longer than 10 bytes");

    cases.forEach(
        (bytes, what) -> {
          assertThatThrownBy(() -> UniversalEventReader.read(bytes, 0, bytes.length))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining(what);
          assertThatThrownBy(() -> codec.decode(bytes, GENERIC))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("event envelope")
              .hasMessageContaining(what);
        });
  }

  @Test
  void shouldReadBlocksWithNegativeCountsAsAvroDoes() {
    // The metadata map in one block of -2 entries, followed by its size in bytes, then the end.
    UniversalEvent event = minimal(new JsonValue(null));
    byte[] body = UniversalEventWriterTest.specific(event);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int metadata = body.length - 2; // empty map (0), then the null branch (0)
    out.write(body, 0, metadata);
    byte[] entries = {2, 'a', 2, 'b', 2, 'c', 2, 'd'};
    out.write(3); // zig-zag -2
    out.write(2 * entries.length);
    out.write(entries, 0, entries.length);
    out.write(0);
    out.write(0);
    byte[] blocked = out.toByteArray();

    UniversalEvent read = UniversalEventReader.read(blocked, 0, blocked.length);

    assertThat(read)
        .isNotNull()
        .isEqualTo(codec.decodeWithAvro(blocked, 0, blocked.length, GENERIC));
    assertThat(read.getMetadata()).isEqualTo(Map.of("a", "b", "c", "d"));
  }

  @Test
  void shouldLeaveDeepNestingToAvro() {
    JsonValue deep = new JsonValue(null);
    for (int i = 0; i < UniversalEventReader.MAX_DEPTH; i++) {
      deep = new JsonValue(List.of(deep));
    }
    byte[] body = UniversalEventWriterTest.specific(minimal(deep));

    assertThat(UniversalEventReader.read(body, 0, body.length)).isNull();
    assertThat(codec.decode(body, GENERIC))
        .isEqualTo(codec.decodeWithAvro(body, 0, body.length, GENERIC));
  }

  @Test
  void shouldReadOnlyEnvelopesOfItsOwnLayout() {
    String avsc = UniversalEvent.getClassSchema().toString();
    Schema sameLayout = new Schema.Parser().parse(avsc);
    Schema evolved =
        new Schema.Parser()
            .parse(
                avsc.replace("\"symbols\":[\"CRITICAL\"", "\"symbols\":[\"URGENT\",\"CRITICAL\""));

    assertThat(UniversalEventReader.reads(GENERIC)).isTrue();
    assertThat(UniversalEventReader.reads(sameLayout)).isTrue();
    assertThat(UniversalEventReader.reads(evolved)).isFalse();
    assertThat(UniversalEventReader.reads(EnvelopeSchemas.typed(PAYMENT))).isFalse();
  }

  @Test
  void shouldReadAnEnvelopeOfAnotherLayoutWithAvro() {
    // Written with an enum that has one more symbol first: Avro resolves it by name.
    String avsc = UniversalEvent.getClassSchema().toString();
    Schema evolved =
        new Schema.Parser()
            .parse(
                avsc.replace("\"symbols\":[\"CRITICAL\"", "\"symbols\":[\"URGENT\",\"CRITICAL\""));
    UniversalEvent event = minimal(new JsonValue(7L));
    byte[] body = UniversalEventWriterTest.specific(event);
    // In the evolved writer's order HIGH is index 2, which the current layout reads as NORMAL.
    body[(1 + "order.created".length()) + (1 + 36) + 8 + (1 + 3)] = 4;

    UniversalEvent read = codec.decode(body, evolved);

    assertThat(read.getPriority()).isEqualTo(Priority.HIGH);
  }

  /** Avro's event, or the exception {@code decode} throws for it. */
  private Object avroAnswer(byte[] body) {
    try {
      return codec.decodeWithAvro(body, 0, body.length, GENERIC);
    } catch (IllegalArgumentException e) {
      return e;
    }
  }

  /** The body cut short (kind 0), a byte appended (1), or one to three random bytes replaced. */
  private static byte[] corrupt(byte[] body, int kind, Random random) {
    return switch (kind) {
      case 0 -> Arrays.copyOf(body, random.nextInt(body.length));
      case 1 -> Arrays.copyOf(body, body.length + 1);
      default -> {
        byte[] copy = body.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        yield copy;
      }
    };
  }

  private static UniversalEvent minimal(JsonValue data) {
    return UniversalEvent.newBuilder()
        .setEventType("order.created")
        .setId("6f1c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6")
        .setTimestamp(Instant.parse("2025-07-25T10:30:45.123456Z"))
        .setSource(new EventSource(null, null, null))
        .setData(data)
        .build();
  }

  private static String rendered(UniversalEvent event) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = EventJson.mapper().getFactory().createGenerator(out)) {
      EventJsonWriter.write(g, event, EventJsonWriter.ExtraFields.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
