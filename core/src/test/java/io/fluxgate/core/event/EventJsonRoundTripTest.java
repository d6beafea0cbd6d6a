package io.fluxgate.core.event;

import static io.fluxgate.core.event.TestEvents.NOW;
import static io.fluxgate.core.event.TestEvents.eventJson;
import static io.fluxgate.core.event.TestEvents.json;
import static io.fluxgate.core.event.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonRoundTripTest {

  private static final String FULL_EVENT =
      """
      {
        "id": "550e8400-e29b-41d4-a716-446655440000",
        "event_type": "agent.execution.completed",
        "timestamp": "2025-07-25T10:30:45.123Z",
        "version": "1.0",
        "source": {"component": "agent", "instance_id": "research-agent-001",
                   "correlation_id": "req-12345"},
        "data": {"agent_name": "researcher", "tokens_used": 150, "duration_ms": 234,
                 "success": true},
        "metadata": {"environment": "production", "region": "us-east-1"},
        "priority": "normal",
        "ttl_seconds": 86400
      }
      """;

  private final EventJson eventJson = eventJson();

  @Test
  void shouldRoundTripTheContractExampleThroughAvro() throws Exception {
    JsonNode input = EventJson.mapper().readTree(FULL_EVENT);

    ObjectNode output = throughAvro(utf8(FULL_EVENT));

    assertThat(output).isEqualTo(input);
  }

  @Test
  void shouldWriteFieldsInContractOrder() {
    ObjectNode output = throughAvro(utf8(FULL_EVENT));

    assertThat(fieldNames(output))
        .containsExactly(
            "id",
            "event_type",
            "timestamp",
            "version",
            "source",
            "data",
            "metadata",
            "priority",
            "ttl_seconds");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"b\": 1, \"a\": 2, \"c\": {\"z\": 0, \"y\": [1, 2]}}",
        "[1, \"two\", 3.0, null, true, {\"k\": []}]",
        "\"just text\"",
        "\"\"",
        "true",
        "false",
        "null",
        "42",
        "0",
        "-17",
        "2147483648",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "18446744073709551617",
        "-123456789012345678901234567890",
        "1.10",
        "-0.000",
        "3.14159265358979323846264338327950288419716939937510",
        "1e400",
        "-2.5E-400",
        "1e0",
        "{\"deep\": [[{\"x\": [1.50, -2, \"s\", null]}], {}], \"empty\": [], \"o\": {}}",
        "{\"héllo\": \"wörld ☃ 😀 \\u0000 \\\" \\\\ \\n\", \"日本\": \"語\"}",
        "[{}, [], [[]], \"\"]"
      })
  void shouldRoundTripDataExactly(String data) throws Exception {
    String event = "{\"event_type\": \"a.b\", \"data\": " + data + "}";
    JsonNode expected = EventJson.mapper().readTree(data);

    ObjectNode output = throughAvro(utf8(event));

    assertThat(output.get("data")).isEqualTo(expected);
    assertThat(output.get("data").toString()).isEqualTo(expected.toString());
  }

  @Test
  void shouldKeepDecimalScaleOfData() {
    ObjectNode output = throughAvro(json("{'event_type': 'a', 'data': {'price': 1.10}}"));

    assertThat(output.get("data").get("price").decimalValue()).hasToString("1.10");
    assertThat(new String(eventJson.writeJson(parse(output)))).contains("\"price\":1.10");
  }

  @Test
  void shouldKeepIntegersAndDecimalsApart() {
    ObjectNode output = throughAvro(json("{'event_type': 'a', 'data': [1, 1.0, 1e0]}"));

    assertThat(output.get("data").get(0).isIntegralNumber()).isTrue();
    assertThat(output.get("data").get(1).isBigDecimal()).isTrue();
    assertThat(output.get("data").get(2).isBigDecimal()).isTrue();
  }

  @Test
  void shouldKeepBigIntegersBeyondLongExact() {
    ObjectNode output =
        throughAvro(json("{'event_type': 'a', 'data': 36893488147419103232000000001}"));

    assertThat(output.get("data").bigIntegerValue()).hasToString("36893488147419103232000000001");
  }

  @Test
  void shouldKeepObjectKeyOrder() {
    ObjectNode output =
        throughAvro(json("{'event_type': 'a', 'data': {'zeta': 1, 'alpha': 2, 'mid': 3}}"));

    assertThat(fieldNames(output.get("data"))).containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void shouldFillDefaults() {
    UniversalEvent event = eventJson.parseEvent(json("{'event_type': 'a.b'}"));

    assertThat(UUID.fromString(event.getId())).hasToString(event.getId());
    assertThat(event.getTimestamp()).isEqualTo(NOW);
    assertThat(event.getVersion()).isEqualTo("1.0");
    assertThat(event.getPriority()).isEqualTo(Priority.NORMAL);
    assertThat(event.getTtlSeconds()).isNull();
    assertThat(event.getMetadata()).isEmpty();
    assertThat(event.getData().getValue()).isNull();
  }

  @Test
  void shouldGenerateDistinctIds() {
    byte[] body = json("{'event_type': 'a.b'}");

    assertThat(eventJson.parseEvent(body).getId()).isNotEqualTo(eventJson.parseEvent(body).getId());
  }

  @Test
  void shouldOmitAbsentOptionalsButKeepNullData() {
    ObjectNode output = throughAvro(json("{'event_type': 'a.b'}"));

    assertThat(fieldNames(output))
        .containsExactly("id", "event_type", "timestamp", "version", "data", "priority");
    assertThat(output.get("data").isNull()).isTrue();
    assertThat(output.get("timestamp").textValue()).isEqualTo("2025-07-25T10:30:45.123456Z");
    assertThat(output.get("priority").textValue()).isEqualTo("normal");
  }

  @Test
  void shouldTreatExplicitNullOptionalsAsAbsent() {
    UniversalEvent event =
        eventJson.parseEvent(
            json(
                "{'event_type': 'a', 'id': null, 'timestamp': null, 'version': null,"
                    + " 'source': null, 'metadata': null, 'priority': null, 'ttl_seconds': null,"
                    + " 'correlation_id': null}"));

    assertThat(event.getVersion()).isEqualTo("1.0");
    assertThat(event.getTimestamp()).isEqualTo(NOW);
    assertThat(RecordKeys.keyOf(event)).isEqualTo(event.getId());
  }

  @Test
  void shouldAcceptCorrelationIdAlias() {
    UniversalEvent event =
        eventJson.parseEvent(
            json("{'event_type': 'a', 'correlation_id': 'req-1', 'source': {'component': 'x'}}"));

    assertThat(event.getSource().getCorrelationId()).isEqualTo("req-1");
    assertThat(event.getSource().getComponent()).isEqualTo("x");
  }

  @Test
  void shouldAcceptCorrelationIdAliasWithoutSourceAndWhenBothAgree() {
    assertThat(
            eventJson
                .parseEvent(json("{'event_type': 'a', 'correlation_id': 'req-1'}"))
                .getSource()
                .getCorrelationId())
        .isEqualTo("req-1");
    assertThat(
            eventJson
                .parseEvent(
                    json(
                        "{'event_type': 'a', 'correlation_id': 'r',"
                            + " 'source': {'correlation_id': 'r'}}"))
                .getSource()
                .getCorrelationId())
        .isEqualTo("r");
  }

  @Test
  void shouldNormaliseTimestampOffsetsToUtcMicros() {
    UniversalEvent event =
        eventJson.parseEvent(
            json("{'event_type': 'a', 'timestamp': '2025-07-25T12:30:45.123456789+02:00'}"));

    assertThat(event.getTimestamp()).hasToString("2025-07-25T10:30:45.123456Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-07-25T10:30:45Z",
        "2025-07-25t10:30:45z",
        "2025-07-25T10:30:45.1Z",
        "2025-07-25T05:30:45-05:00",
        "2025-07-25T10:30:45.123456+00:00"
      })
  void shouldAcceptRfc3339Timestamps(String timestamp) {
    UniversalEvent event =
        eventJson.parseEvent(json("{'event_type': 'a', 'timestamp': '" + timestamp + "'}"));

    assertThat(event.getTimestamp().getEpochSecond())
        .isEqualTo(java.time.Instant.parse("2025-07-25T10:30:45Z").getEpochSecond());
  }

  @Test
  void shouldLowercaseGivenIds() {
    UniversalEvent event =
        eventJson.parseEvent(
            json("{'event_type': 'a', 'id': '550E8400-E29B-41D4-A716-446655440000'}"));

    assertThat(event.getId()).isEqualTo("550e8400-e29b-41d4-a716-446655440000");
  }

  @Test
  void shouldParseEveryPriority() {
    for (Priority priority : Priority.values()) {
      String name = priority.name().toLowerCase(java.util.Locale.ROOT);
      UniversalEvent event =
          eventJson.parseEvent(json("{'event_type': 'a', 'priority': '" + name + "'}"));
      assertThat(event.getPriority()).isEqualTo(priority);
      assertThat(eventJson.toJson(event).get("priority").textValue()).isEqualTo(name);
    }
  }

  @Test
  void shouldWriteCompactUtf8Json() {
    UniversalEvent event =
        eventJson.parseEvent(
            json(
                "{'event_type': 'a.b', 'id': '550e8400-e29b-41d4-a716-446655440000',"
                    + " 'data': {'n': 'ü'}, 'metadata': {'z': '1', 'a': '2'}}"));

    assertThat(new String(eventJson.writeJson(event), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"id\":\"550e8400-e29b-41d4-a716-446655440000\",\"event_type\":\"a.b\","
                + "\"timestamp\":\"2025-07-25T10:30:45.123456Z\",\"version\":\"1.0\","
                + "\"data\":{\"n\":\"ü\"},\"metadata\":{\"a\":\"2\",\"z\":\"1\"},"
                + "\"priority\":\"normal\"}");
  }

  private ObjectNode throughAvro(byte[] body) {
    UniversalEvent parsed = eventJson.parseEvent(body);
    EventCodec codec = new EventCodec(id -> EnvelopeSchemas.generic());
    UniversalEvent decoded = codec.decode(codec.encode(1, parsed));
    assertThat(decoded).isEqualTo(parsed);
    return eventJson.toJson(decoded);
  }

  private UniversalEvent parse(ObjectNode json) {
    return eventJson.parseEvent(json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
