package io.fluxgate.gateway.core;

import static io.fluxgate.gateway.core.StreamFixtures.RENDERER;
import static io.fluxgate.gateway.core.StreamFixtures.TOPIC;
import static io.fluxgate.gateway.core.StreamFixtures.event;
import static io.fluxgate.gateway.core.StreamFixtures.expiredRecord;
import static io.fluxgate.gateway.core.StreamFixtures.record;
import static io.fluxgate.gateway.core.StreamFixtures.replayedRecord;
import static io.fluxgate.gateway.core.StreamFixtures.undecodableRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A long poll's answer: its records streamed one by one into a JSON array. */
class DeliveryTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final EventJson EVENT_JSON =
      new EventJson(EventLimits.defaults(), StreamFixtures.CLOCK);

  @Test
  void shouldWriteAnEmptyArray() throws Exception {
    assertThat(written(List.of())).isEqualTo("[]");
  }

  @Test
  void shouldWriteEachEventAsTheTreeWithItsKafkaCoordinates() throws Exception {
    ConsumerRecord<String, byte[]> firstRecord = record(0, 7, "first");
    ConsumerRecord<String, byte[]> secondRecord = record(2, 11, "second");

    String json = written(List.of(firstRecord, secondRecord));

    ObjectNode first = EVENT_JSON.toJson(RENDERER.decode(firstRecord).get());
    first.putObject("kafka").put("topic", TOPIC).put("partition", 0).put("offset", 7L);
    ObjectNode second = EVENT_JSON.toJson(RENDERER.decode(secondRecord).get());
    second.putObject("kafka").put("topic", TOPIC).put("partition", 2).put("offset", 11L);
    assertThat(json)
        .isEqualTo(
            "[" + MAPPER.writeValueAsString(first) + "," + MAPPER.writeValueAsString(second) + "]");
    assertThat(json).contains("\"kafka\":{\"topic\":\"" + TOPIC + "\",\"partition\":2,");
  }

  @Test
  void shouldSkipUndecodableAndExpiredRecordsAnywhere() throws Exception {
    JsonNode events =
        MAPPER.readTree(
            written(
                List.of(
                    undecodableRecord(0, 1),
                    record(0, 2, "kept-1"),
                    undecodableRecord(0, 3),
                    expiredRecord(1, 4, "expired"),
                    record(1, 5, "kept-2"),
                    undecodableRecord(2, 6))));

    assertThat(events)
        .extracting(e -> e.get("data").get("name").asText())
        .containsExactly("kept-1", "kept-2");
    assertThat(events)
        .extracting(e -> e.get("kafka").get("offset").asLong())
        .containsExactly(2L, 5L);
  }

  @Test
  void shouldSkipAnEventThatFailsHalfWayAndKeepTheArrayValid() throws Exception {
    UniversalEvent corrupt =
        UniversalEvent.newBuilder(event("corrupt"))
            .setData(new JsonValue(new JsonNumber("1.2.3")))
            .build();

    String json =
        written(List.of(record(0, 1, "before"), record(0, 2, corrupt), record(0, 3, "after")));

    assertThat(MAPPER.readTree(json))
        .extracting(e -> e.get("data").get("name").asText())
        .containsExactly("before", "after");
  }

  @Test
  void shouldMarkReplayedEventsOnly() throws Exception {
    JsonNode events =
        MAPPER.readTree(written(List.of(replayedRecord(0, 1, "old", "r-1"), record(0, 2, "new"))));

    assertThat(events.get(0).get("replayed").asBoolean()).isTrue();
    assertThat(events.get(0).get("replay_id").asText()).isEqualTo("r-1");
    assertThat(events.get(1).has("replayed")).isFalse();
    assertThat(events.get(1).has("replay_id")).isFalse();
  }

  @Test
  void shouldWriteEventsRenderedBeforeAsTheyAre() throws Exception {
    byte[] a = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    byte[] b = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (Delivery delivery = new Delivery(List.of(a, b))) {
      assertThat(delivery.writeTo(out)).isEqualTo(2);
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{\"b\":2}]");
  }

  private static String written(List<ConsumerRecord<String, byte[]>> records) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Delivery delivery = new Delivery(RENDERER, records, SubscriptionReader.Batch.EMPTY)) {
      assertThat(delivery.size()).isEqualTo(records.size());
      int written = delivery.writeTo(out);
      String json = out.toString(StandardCharsets.UTF_8);
      assertThat(MAPPER.readTree(json).size()).isEqualTo(written);
      return json;
    }
  }
}
