package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_JSON;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_NORMALISED;
import static io.fluxgate.core.event.TypedFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class TypedEnvelopeCodecTest {

  private static final String EVENT =
      "{'event_type': 'payment.processed', 'id': '6f1c2a4e-1b2c-4d3e-8f90-a1b2c3d4e5f6',"
          + " 'timestamp': '2025-07-25T10:30:45.123456Z', 'source': {'component': 'shop',"
          + " 'correlation_id': 'req-1'}, 'metadata': {'region': 'eu'}, 'priority': 'high',"
          + " 'ttl_seconds': 86400, 'data': "
          + PAYMENT_JSON
          + "}";
  private static final Schema ENVELOPE = EnvelopeSchemas.typed(PAYMENT);

  private final TypedEnvelopeCodec codec = new TypedEnvelopeCodec();
  private final EventJson eventJson = TestEvents.eventJson();
  private final UniversalEvent event = eventJson.parseEvent(TestEvents.json(EVENT));
  private final Object data = TypedData.toAvro(json(EVENT).get("data"), PAYMENT, "data");

  @Test
  void shouldRoundTripATypedEventFromJsonToJson() {
    byte[] body = codec.encode(event, ENVELOPE, data);

    UniversalEvent decoded = codec.decode(body, ENVELOPE);

    ObjectNode expected = eventJson.toJson(event);
    expected.set("data", json(PAYMENT_NORMALISED));
    assertThat(eventJson.toJson(decoded)).isEqualTo(expected);
    assertThat(decoded)
        .isEqualTo(
            UniversalEvent.newBuilder(event)
                .setData(JsonData.toAvro(json(PAYMENT_NORMALISED)))
                .build());
  }

  @Test
  void shouldTypeTheDataOfAnAlreadyParsedEvent() {
    Object fromParsed = TypedData.toAvro(JsonData.toJson(event.getData()), PAYMENT, "data");

    assertThat(codec.encode(event, ENVELOPE, fromParsed))
        .isEqualTo(codec.encode(event, ENVELOPE, data));
  }

  @Test
  void shouldWriteDataThatAPlainAvroReaderSeesTyped() throws IOException {
    byte[] body = codec.encode(event, ENVELOPE, data);
    Schema published = new Schema.Parser().parse(ENVELOPE.toString());
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());

    GenericRecord read =
        new GenericDatumReader<GenericRecord>(published, published, model)
            .read(null, DecoderFactory.get().binaryDecoder(body, null));

    assertThat(read.get("event_type").toString()).isEqualTo("payment.processed");
    assertThat(read.get("timestamp")).isEqualTo(Instant.parse("2025-07-25T10:30:45.123456Z"));
    GenericRecord payment = (GenericRecord) read.get("data");
    assertThat(payment.getSchema().getFullName()).isEqualTo("com.acme.Payment");
    assertThat(payment.get("amount")).isEqualTo(new BigDecimal("12.30"));
    assertThat(payment.get("at")).isEqualTo(Instant.parse("2025-07-25T10:30:45.123Z"));
    assertThat(payment.get("currency").toString()).isEqualTo("EUR");
  }

  @Test
  void shouldWriteTheEventsOwnDataWithTheGenericEnvelope() {
    byte[] body = codec.encode(event, EnvelopeSchemas.generic(), null);

    assertThat(codec.decode(body, EnvelopeSchemas.generic())).isEqualTo(event);
    Schema parsedGeneric = new Schema.Parser().parse(EnvelopeSchemas.generic().toString());
    assertThat(codec.decode(body, parsedGeneric)).isEqualTo(event);
  }

  @Test
  void shouldDecodeFromAnOffsetInsideALargerArray() {
    byte[] body = codec.encode(event, ENVELOPE, data);
    byte[] framed = new byte[body.length + 5];
    System.arraycopy(body, 0, framed, 5, body.length);

    UniversalEvent decoded = codec.decode(framed, 5, body.length, ENVELOPE);

    assertThat(decoded).isEqualTo(codec.decode(body, ENVELOPE));
  }

  @Test
  void shouldReadAnEnvelopeOfAnotherVersionIntoTheCurrentOne() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : ENVELOPE.getFields()) {
      if (!field.name().equals("metadata")) {
        fields.add(new Schema.Field(field, field.schema()));
      }
    }
    Schema older =
        Schema.createRecord(
            ENVELOPE.getName(), ENVELOPE.getDoc(), ENVELOPE.getNamespace(), false, fields);

    UniversalEvent decoded = codec.decode(codec.encode(event, older, data), older);

    assertThat(decoded.getMetadata()).isEmpty();
    assertThat(decoded.getId()).isEqualTo(event.getId());
    assertThat(JsonData.toJson(decoded.getData())).isEqualTo(json(PAYMENT_NORMALISED));
  }

  @Test
  void shouldRefuseCorruptTruncatedOrOverlongBodies() {
    byte[] body = codec.encode(event, ENVELOPE, data);
    byte[] longer = Arrays.copyOf(body, body.length + 1);

    assertThatThrownBy(() -> codec.decode(new byte[] {1, 2, 3}, ENVELOPE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt event envelope");
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(body, body.length - 3), ENVELOPE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt event envelope");
    assertThatThrownBy(() -> codec.decode(longer, ENVELOPE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void shouldRefuseAWriterSchemaThatIsNoEnvelope() {
    byte[] body = codec.encode(event, ENVELOPE, data);

    assertThatThrownBy(() -> codec.decode(body, PAYMENT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an event envelope");
  }

  @Test
  void shouldRefuseTypedDataThatDoesNotFitTheEnvelope() {
    assertThatThrownBy(() -> codec.encode(event, ENVELOPE, "not a payment"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(event.getId());
    assertThatThrownBy(() -> codec.encode(event, ENVELOPE, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseAnEnvelopeWithFieldsEventsDoNotHave() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : ENVELOPE.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(new Schema.Field("tenant", Schema.create(Schema.Type.STRING)));
    Schema foreign =
        Schema.createRecord(
            ENVELOPE.getName(), ENVELOPE.getDoc(), ENVELOPE.getNamespace(), false, fields);

    assertThatThrownBy(() -> codec.encode(event, foreign, data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant");
  }

  @Test
  void shouldRenderTypedDataOfOtherShapesThroughEventJson() {
    Schema tags = TypedFixtures.schema("{'type': 'array', 'items': 'string'}");
    JsonNode json = json("['a', 'b']");
    UniversalEvent tagged = UniversalEvent.newBuilder(event).setData(JsonData.toAvro(json)).build();
    Schema envelope = EnvelopeSchemas.typed(tags);

    byte[] body = codec.encode(tagged, envelope, TypedData.toAvro(json, tags, "data"));

    assertThat(eventJson.toJson(codec.decode(body, envelope)).get("data")).isEqualTo(json);
  }
}
