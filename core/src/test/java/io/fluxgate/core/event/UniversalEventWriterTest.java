package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_JSON;
import static io.fluxgate.core.event.TypedFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * The hand-written envelope writer against Avro's {@link SpecificDatumWriter}: byte for byte on
 * many random events, the same errors, and the guard on the schema's shape.
 */
class UniversalEventWriterTest {

  private static final Schema GENERIC = EnvelopeSchemas.generic();
  private static final Schema TYPED = EnvelopeSchemas.typed(PAYMENT);
  private static final String[] TEXTS = {
    "",
    "a",
    "agent.execution.completed",
    "héllo wörld",
    "日本語テキスト",
    "emoji 😀 and 𝄞",
    "tab\t\"q\"\n",
    "x".repeat(63),
    "y".repeat(64),
    "z".repeat(200),
    "é".repeat(70),
    "\u0000\u007f\u0080\u07ff\u0800\uffff"
  };
  private static final String[] LONE_SURROGATES = {"\uD800", "a\uDC00b", "\uDBFF"};
  private static final long[] LONGS = {
    0,
    1,
    -1,
    63,
    64,
    -64,
    -65,
    127,
    128,
    8191,
    8192,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Integer.MAX_VALUE + 1L,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    Long.MAX_VALUE - 1,
    Long.MIN_VALUE + 1
  };
  private static final String[] NUMBERS = {
    "1.10",
    "1E+400",
    "-0.0",
    "0.0",
    "18446744073709551616",
    "-9223372036854775809",
    "4.9E-324",
    "1.7976931348623157E308",
    "2.2250738585072014E-308",
    "1e-7",
    "-1.5"
  };
  private static final Instant[] INSTANTS = {
    Instant.EPOCH,
    Instant.parse("2025-07-25T10:30:45.123456Z"),
    Instant.parse("1969-12-31T23:59:59.999999Z"),
    Instant.ofEpochSecond(-1, 1),
    Instant.ofEpochSecond(-86_400L * 365 * 1000, 999_999_999),
    Instant.ofEpochSecond(Long.MAX_VALUE / 1_000_000L - 1, 999_999_000),
    Instant.ofEpochSecond(Long.MIN_VALUE / 1_000_000L + 1, 0)
  };

  private final TypedEnvelopeCodec codec = new TypedEnvelopeCodec();
  private final EventCodec events = new EventCodec(id -> id == 7 ? GENERIC : TYPED);

  @Test
  void shouldHandleTheShapeOfTheSchema() {
    assertThat(UniversalEventWriter.shape(UniversalEvent.getClassSchema()))
        .isEqualTo(UniversalEventWriter.HANDLED_SHAPE);
  }

  @Test
  void shouldSeeAReorderedOrRetypedSchemaAsAnotherShape() {
    String avsc = UniversalEvent.getClassSchema().toString();
    Schema retyped =
        new Schema.Parser().parse(avsc.replace("timestamp-micros", "timestamp-millis"));
    Schema reordered =
        new Schema.Parser()
            .parse(
                avsc.replace("\"name\":\"id\"", "\"name\":\"x\"")
                    .replace("\"name\":\"event_type\"", "\"name\":\"id\"")
                    .replace("\"name\":\"x\"", "\"name\":\"event_type\""));
    Schema widened =
        new Schema.Parser()
            .parse(
                avsc.replace("\"symbols\":[\"CRITICAL\"", "\"symbols\":[\"URGENT\",\"CRITICAL\""));

    assertThat(UniversalEventWriter.shape(retyped))
        .isNotEqualTo(UniversalEventWriter.HANDLED_SHAPE);
    assertThat(UniversalEventWriter.shape(reordered))
        .isNotEqualTo(UniversalEventWriter.HANDLED_SHAPE);
    assertThat(UniversalEventWriter.shape(widened))
        .isNotEqualTo(UniversalEventWriter.HANDLED_SHAPE);
  }

  @Test
  void shouldWriteRandomEventsAsAvroDoesAndReadThemBack() {
    Random random = new Random(20251124L);
    for (int i = 0; i < 3000; i++) {
      UniversalEvent event = randomEvent(random, false);

      byte[] expected = specific(event);
      assertThat(handWritten(event)).as("event %d: %s", i, event).isEqualTo(expected);
      assertThat(codec.encode(event, GENERIC, null))
          .as("event %d: %s", i, event)
          .isEqualTo(expected);
      byte[] value = events.encode(7, event);
      UniversalEvent micros =
          UniversalEvent.newBuilder(event)
              .setTimestamp(event.getTimestamp().truncatedTo(ChronoUnit.MICROS))
              .build();
      assertThat(events.decode(value)).as("event %d", i).isEqualTo(micros);
    }
  }

  @Test
  void shouldWriteLoneSurrogatesAsAvroDoes() {
    Random random = new Random(7L);
    for (int i = 0; i < 500; i++) {
      UniversalEvent event = randomEvent(random, true);

      assertThat(handWritten(event)).as("event %d", i).isEqualTo(specific(event));
      assertThat(codec.encode(event, GENERIC, null)).as("event %d", i).isEqualTo(specific(event));
    }
  }

  @Test
  void shouldWriteRandomTypedEnvelopesAsAvroDoes() {
    Random random = new Random(99L);
    Object data = TypedData.toAvro(json(PAYMENT_JSON), PAYMENT, "data");
    for (int i = 0; i < 1000; i++) {
      UniversalEvent event = randomEvent(random, i % 2 == 0);

      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      codec.encodeWithAvro(event, TYPED, data, expected);
      assertThat(UniversalEventWriter.writeHead(event, new AvroBinaryBuffer(8))).isTrue();
      assertThat(codec.encode(event, TYPED, data))
          .as("event %d", i)
          .isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void shouldWriteIntoAnyOutputStreamAfterWhatItHolds() {
    UniversalEvent event = randomEvent(new Random(1L), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(42);

    codec.encode(event, GENERIC, null, out);

    byte[] expected = specific(event);
    assertThat(out.size()).isEqualTo(expected.length + 1);
    assertThat(java.util.Arrays.copyOfRange(out.toByteArray(), 1, out.size())).isEqualTo(expected);
  }

  @Test
  void shouldWriteBigEventsAndThenSmallOnesOnTheSameThread() {
    UniversalEvent big = event(b -> b.setData(string("w".repeat(AvroBinaryBuffer.RETAINED * 2))));
    UniversalEvent small = event(b -> {});

    assertThat(codec.encode(big, GENERIC, null)).isEqualTo(specific(big));
    assertThat(codec.encode(small, GENERIC, null)).isEqualTo(specific(small));
  }

  @Test
  void shouldLeaveValuesOfOtherClassesToAvro() {
    Map<String, String> stringable = new LinkedHashMap<>();
    stringable.put("k", "v");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<Object, Object> raw = (Map) stringable;
    raw.put("amount", new BigDecimal("1.50")); // Avro's writer writes stringable classes as text
    GenericData.Array<JsonValue> avroArray =
        new GenericData.Array<>(
            JsonValue.getClassSchema().getField("value").schema().getTypes().get(5),
            List.of(string("a"), new JsonValue(3L)));
    List<UniversalEvent> others =
        List.of(
            event(b -> b.setData(new JsonValue(new Utf8("utf8 ☃")))),
            event(b -> b.setData(new JsonValue(avroArray))),
            event(b -> b.setMetadata(stringable)));

    for (UniversalEvent event : others) {
      assertThat(codec.encode(event, GENERIC, null)).isEqualTo(specific(event));
    }
  }

  @Test
  void shouldRefuseEventsThatDoNotFitAsAvroDoes() {
    Map<String, String> nullValue = new LinkedHashMap<>();
    nullValue.put("k", null);
    Map<String, String> nullKey = new LinkedHashMap<>();
    nullKey.put(null, "v");
    List<UniversalEvent> misfits =
        List.of(
            event(b -> b.setData(new JsonValue(42))), // an int: no union branch
            event(b -> b.setData(new JsonValue(1.5d))),
            event(b -> b.setData(new JsonValue(Map.of("a", "b")))),
            event(b -> b.setData(new JsonValue(List.of(7L)))), // items must be JsonValue
            event(b -> b.setData(new JsonValue(new JsonNumber(null)))),
            event(b -> b.setData(new JsonValue(new JsonObject(null)))),
            event(
                b ->
                    b.setData(
                        new JsonValue(new JsonObject(List.of(new JsonField(null, string("x"))))))),
            event(b -> b.setData(new JsonValue(new JsonObject(List.of(new JsonField("a", null)))))),
            event(b -> b.setMetadata(nullValue)),
            event(b -> b.setMetadata(nullKey)));
    List<Consumer<UniversalEvent>> nulls =
        List.of(
            e -> e.setEventType(null),
            e -> e.setId(null),
            e -> e.setVersion(null),
            e -> e.setPriority(null),
            e -> e.setSource(null),
            e -> e.setMetadata(null),
            e -> e.setData(null));

    List<UniversalEvent> all = new ArrayList<>(misfits);
    for (Consumer<UniversalEvent> setNull : nulls) {
      UniversalEvent event = event(b -> {});
      setNull.accept(event);
      all.add(event);
    }
    for (UniversalEvent event : all) {
      AvroBinaryBuffer out = new AvroBinaryBuffer(8);
      out.write(1);
      assertThat(UniversalEventWriter.write(event, out)).as("%s", event).isFalse();
      assertThat(out.toByteArray()).containsExactly(1);
      assertThatThrownBy(() -> codec.encode(event, GENERIC, null))
          .as("%s", event)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not fit its envelope schema");
      assertThatThrownBy(() -> specific(event)).isNotNull();
      assertThatThrownBy(() -> events.encode(7, event))
          .isInstanceOf(IllegalArgumentException.class);
    }
    UniversalEvent noTimestamp = event(b -> {});
    noTimestamp.put(2, null); // the setter truncates, so cannot take null
    assertThatThrownBy(() -> codec.encode(noTimestamp, GENERIC, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseTypedEnvelopesWithoutTheirData() {
    UniversalEvent event = event(b -> {});

    assertThatThrownBy(() -> codec.encode(event, TYPED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit its envelope schema");
  }

  /** The hand-written bytes alone, no fallback. */
  private static byte[] handWritten(UniversalEvent event) {
    AvroBinaryBuffer out = new AvroBinaryBuffer(8);
    assertThat(UniversalEventWriter.write(event, out)).as("written by hand: %s", event).isTrue();
    return out.toByteArray();
  }

  /** The envelope as Avro's own writer writes it. */
  static byte[] specific(UniversalEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      new SpecificDatumWriter<UniversalEvent>(
              GENERIC, SpecificData.getForClass(UniversalEvent.class))
          .write(event, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static UniversalEvent event(Consumer<UniversalEvent.Builder> change) {
    UniversalEvent.Builder builder =
        UniversalEvent.newBuilder()
            .setEventType("order.created")
            .setId("6f1c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6")
            .setTimestamp(Instant.parse("2025-07-25T10:30:45.123456Z"))
            .setSource(EventSource.newBuilder().build())
            .setData(new JsonValue(null));
    change.accept(builder);
    return builder.build();
  }

  private static JsonValue string(String text) {
    return new JsonValue(text);
  }

  /** A random event: every field kind, edge-case texts, numbers and instants. */
  static UniversalEvent randomEvent(Random random, boolean loneSurrogates) {
    Texts texts = new Texts(random, loneSurrogates);
    Map<String, String> metadata = new LinkedHashMap<>();
    int labels = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
    for (int i = 0; i < labels; i++) {
      metadata.put(texts.next() + i, texts.next());
    }
    Instant timestamp =
        random.nextInt(3) == 0
            ? INSTANTS[random.nextInt(INSTANTS.length)]
            : Instant.ofEpochSecond(random.nextInt() * 10L, random.nextInt(1_000_000_000));
    return UniversalEvent.newBuilder()
        .setEventType(texts.next())
        .setId(random.nextBoolean() ? UUID.randomUUID().toString() : texts.next())
        .setTimestamp(timestamp)
        .setVersion(random.nextBoolean() ? "1.0" : texts.next())
        .setPriority(Priority.values()[random.nextInt(Priority.values().length)])
        .setSource(new EventSource(texts.maybe(), texts.maybe(), texts.maybe()))
        .setTtlSeconds(random.nextBoolean() ? null : randomLong(random))
        .setMetadata(metadata)
        .setData(randomValue(random, texts, random.nextInt(20) == 0 ? 60 : 4))
        .build();
  }

  private static JsonValue randomValue(Random random, Texts texts, int depth) {
    int kinds = depth <= 0 ? 5 : 7;
    return new JsonValue(
        switch (random.nextInt(kinds)) {
          case 0 -> null;
          case 1 -> random.nextBoolean();
          case 2 -> randomLong(random);
          case 3 -> texts.next();
          case 4 -> new JsonNumber(NUMBERS[random.nextInt(NUMBERS.length)]);
          case 5 -> {
            List<JsonValue> items = new ArrayList<>();
            int size = depth > 10 ? 1 : random.nextInt(5);
            for (int i = 0; i < size; i++) {
              items.add(randomValue(random, texts, depth - 1));
            }
            yield items;
          }
          default -> {
            List<JsonField> fields = new ArrayList<>();
            int size = depth > 10 ? 1 : random.nextInt(5);
            for (int i = 0; i < size; i++) {
              fields.add(new JsonField(texts.next() + i, randomValue(random, texts, depth - 1)));
            }
            yield new JsonObject(fields);
          }
        });
  }

  private static long randomLong(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> LONGS[random.nextInt(LONGS.length)];
      case 1 -> random.nextInt(1000) - 500;
      default -> random.nextLong();
    };
  }

  /** Random strings from the samples, random ASCII and random code points. */
  private record Texts(Random random, boolean loneSurrogates) {

    String next() {
      int pick = random.nextInt(10);
      if (loneSurrogates && pick == 0) {
        return LONE_SURROGATES[random.nextInt(LONE_SURROGATES.length)];
      }
      if (pick < 6) {
        return TEXTS[random.nextInt(TEXTS.length)];
      }
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(pick == 9 ? 300 : 20);
      for (int i = 0; i < length; i++) {
        if (pick == 8) {
          int codePoint = random.nextInt(0x10FFFF);
          if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
            codePoint = 'x';
          }
          text.appendCodePoint(codePoint);
        } else {
          text.append((char) (' ' + random.nextInt(95)));
        }
      }
      return text.toString();
    }

    String maybe() {
      return random.nextBoolean() ? null : next();
    }
  }
}
