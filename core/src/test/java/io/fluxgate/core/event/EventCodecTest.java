package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final int GENERIC_ID = 7;
  private static final int TYPED_ID = 301;
  private static final Schema PAYMENT =
      new Schema.Parser()
          .parse(
              "{'type':'record','name':'Payment','namespace':'com.acme','fields':["
                      .replace('\'', '"')
                  + "{\"name\":\"amount\",\"type\":\"double\"},"
                  + "{\"name\":\"currency\",\"type\":\"string\"}]}");
  private static final Schema TYPED = EnvelopeSchemas.typed(PAYMENT);

  private final EventCodec codec =
      new EventCodec(
          id -> {
            Schema schema = Map.of(GENERIC_ID, EnvelopeSchemas.generic(), TYPED_ID, TYPED).get(id);
            if (schema == null) {
              throw new IllegalArgumentException("no schema " + id);
            }
            return schema;
          });

  private final UniversalEvent event =
      TestEvents.eventJson()
          .parseEvent(
              TestEvents.json(
                  "{'event_type': 'agent.done', 'source': {'instance_id': 'i-1'},"
                      + " 'data': {'n': [1, 2.50, 'x', null, {'deep': true}]},"
                      + " 'metadata': {'env': 'prod'}, 'priority': 'high', 'ttl_seconds': 60}"));

  @Test
  void shouldFrameValuesInConfluentWireFormatWithTheEnvelopeId() {
    byte[] bytes = codec.encode(GENERIC_ID, event);

    assertThat(Arrays.copyOf(bytes, 5)).containsExactly(0, 0, 0, 0, 7);
    assertThat(EventCodec.schemaId(bytes)).isEqualTo(GENERIC_ID);
    assertThat(codec.decode(bytes)).isEqualTo(event);
  }

  @Test
  void shouldDecodeTypedEnvelopesBackToJsonData() {
    UniversalEvent payment =
        TestEvents.eventJson()
            .parseEvent(
                TestEvents.json(
                    "{'event_type': 'payment.processed', 'source': {'instance_id': 'i-1'},"
                        + " 'data': {'amount': 12.5, 'currency': 'EUR'}}"));
    Object datum =
        TypedData.toAvro(JsonData.toJson(payment.getData()), PAYMENT, EnvelopeSchemas.DATA_FIELD);

    byte[] bytes = codec.encodeTyped(TYPED_ID, TYPED, payment, datum);
    ObjectNode json = TestEvents.eventJson().toJson(codec.decode(bytes));

    assertThat(EventCodec.schemaId(bytes)).isEqualTo(TYPED_ID);
    assertThat(json.get("data").toString()).isEqualTo("{\"amount\":12.5,\"currency\":\"EUR\"}");
    assertThat(json.get("event_type").asText()).isEqualTo("payment.processed");
  }

  @Test
  void shouldRejectValuesNotInTheWireFormat() {
    assertThatThrownBy(() -> codec.decode("hello world".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("magic byte");
    assertThatThrownBy(() -> codec.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void shouldRejectAnUnknownSchemaId() {
    byte[] bytes = codec.encode(GENERIC_ID, event);
    bytes[4] = 99;

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no schema 99");
  }

  @Test
  void shouldRejectTruncatedPayload() {
    byte[] bytes = codec.encode(GENERIC_ID, event);

    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(bytes, bytes.length - 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt event payload");
  }
}
