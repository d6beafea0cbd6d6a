package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_JSON;
import static io.fluxgate.core.event.TypedFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The streaming writer writes exactly the JSON of {@link EventJson#toJson}, tree serialized. */
class EventJsonWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Schema GENERIC = EnvelopeSchemas.generic();
  private static final Schema TYPED = EnvelopeSchemas.typed(PAYMENT);

  private final EventJson eventJson = TestEvents.eventJson();
  private final EventCodec codec = new EventCodec(id -> id == 7 ? GENERIC : TYPED);

  @Test
  void shouldWriteRandomEventsAsTheTreeSerializes() throws Exception {
    Random random = new Random(20251124L);
    for (int i = 0; i < 3000; i++) {
      UniversalEvent event = UniversalEventWriterTest.randomEvent(random, i % 10 == 0);

      assertThat(streamed(event, EventJsonWriter.ExtraFields.NONE))
          .as("event %d: %s", i, event)
          .isEqualTo(MAPPER.writeValueAsString(eventJson.toJson(event)));
    }
  }

  @Test
  void shouldWriteDecodedEventsAsTheTreeSerializes() throws Exception {
    Random random = new Random(11L);
    Object payment = TypedData.toAvro(json(PAYMENT_JSON), PAYMENT, "data");
    for (int i = 0; i < 500; i++) {
      UniversalEvent published = UniversalEventWriterTest.randomEvent(random, false);
      byte[] value =
          i % 2 == 0 ? codec.encode(7, published) : codec.encodeTyped(8, TYPED, published, payment);
      UniversalEvent event = codec.decode(value);

      assertThat(streamed(event, EventJsonWriter.ExtraFields.NONE))
          .as("event %d: %s", i, event)
          .isEqualTo(MAPPER.writeValueAsString(eventJson.toJson(event)));
    }
  }

  @Test
  void shouldWriteTheExtraFieldsLast() throws Exception {
    UniversalEvent event = event(new JsonValue(1L), 30L);
    ObjectNode tree = eventJson.toJson(event);
    tree.putObject("kafka").put("topic", "t").put("offset", 7L);
    tree.put("replayed", true);

    String streamed =
        streamed(
            event,
            g -> {
              g.writeObjectFieldStart("kafka");
              g.writeStringField("topic", "t");
              g.writeNumberField("offset", 7L);
              g.writeEndObject();
              g.writeBooleanField("replayed", true);
            });

    assertThat(streamed).isEqualTo(MAPPER.writeValueAsString(tree)).endsWith("\"replayed\":true}");
  }

  @Test
  void shouldOmitEmptySourceAndMetadataAndAbsentTtl() throws Exception {
    UniversalEvent event = event(new JsonValue(null), null);

    assertThat(streamed(event, EventJsonWriter.ExtraFields.NONE))
        .isEqualTo(
            "{\"id\":\"e-1\",\"event_type\":\"a.b\",\"timestamp\":\"2025-07-25T10:30:45.100Z\","
                + "\"version\":\"1.0\",\"data\":null,\"priority\":\"high\"}");
  }

  @Test
  void shouldWriteNumbersSortedMetadataAndLongTtlAsTheTreeDoes() throws Exception {
    List<JsonField> fields = new ArrayList<>();
    fields.add(new JsonField("z", new JsonValue(new JsonNumber("1.10"))));
    fields.add(new JsonField("a", new JsonValue(new JsonNumber("5E+0"))));
    fields.add(new JsonField("big", new JsonValue(new JsonNumber("18446744073709551616"))));
    fields.add(new JsonField("small", new JsonValue(new JsonNumber("42"))));
    fields.add(new JsonField("long", new JsonValue(Long.MAX_VALUE)));
    UniversalEvent event =
        UniversalEvent.newBuilder(event(new JsonValue(new JsonObject(fields)), 1L << 40))
            .setSource(new EventSource("c", null, "k"))
            .setMetadata(Map.of("region", "eu", "env", "prod"))
            .build();

    String streamed = streamed(event, EventJsonWriter.ExtraFields.NONE);

    assertThat(streamed).isEqualTo(MAPPER.writeValueAsString(eventJson.toJson(event)));
    assertThat(streamed)
        .contains(
            "\"data\":{\"z\":1.10,\"a\":5,\"big\":18446744073709551616,\"small\":42,"
                + "\"long\":9223372036854775807}")
        .contains("\"source\":{\"component\":\"c\",\"correlation_id\":\"k\"}")
        .contains("\"metadata\":{\"env\":\"prod\",\"region\":\"eu\"}")
        .endsWith("\"ttl_seconds\":1099511627776}");
  }

  @Test
  void shouldRefuseCorruptNumberTextAsTheTreeDoes() {
    UniversalEvent event = event(new JsonValue(new JsonNumber("1.2.3")), null);

    assertThatThrownBy(() -> eventJson.toJson(event)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> streamed(event, EventJsonWriter.ExtraFields.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static UniversalEvent event(JsonValue data, Long ttl) {
    return UniversalEvent.newBuilder()
        .setId("e-1")
        .setEventType("a.b")
        .setTimestamp(Instant.parse("2025-07-25T10:30:45.1Z"))
        .setVersion("1.0")
        .setPriority(Priority.HIGH)
        .setSource(new EventSource(null, null, null))
        .setMetadata(Map.of())
        .setTtlSeconds(ttl)
        .setData(data)
        .build();
  }

  private static String streamed(UniversalEvent event, EventJsonWriter.ExtraFields extra) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      EventJsonWriter.write(g, event, extra);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
