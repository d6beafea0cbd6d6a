package io.fluxgate.core.event;

import static io.fluxgate.core.event.TestEvents.eventJson;
import static io.fluxgate.core.event.TestEvents.json;
import static io.fluxgate.core.event.TestEvents.rejection;
import static io.fluxgate.core.event.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventJsonValidationTest {

  private final EventJson eventJson = eventJson();

  @ParameterizedTest(name = "{0} -> {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        // unknown fields
        "{'evnet_type': 'a.b'}                                   | evnet_type            | unknown_field | 400",
        "{'event_type': 'a', 'source': {'host': 'x'}}             | source.host           | unknown_field | 400",
        "{'event_type': 'a', 'a.b': 1}                            | '[\"a.b\"]'           | unknown_field | 400",
        // wrong types
        "{'event_type': 5}                                        | event_type            | wrong_type    | 400",
        "{'event_type': 'a', 'id': 5}                             | id                    | wrong_type    | 400",
        "{'event_type': 'a', 'timestamp': 1721903445}             | timestamp             | wrong_type    | 400",
        "{'event_type': 'a', 'version': 1.0}                      | version               | wrong_type    | 400",
        "{'event_type': 'a', 'source': 'agent'}                   | source                | wrong_type    | 400",
        "{'event_type': 'a', 'source': {'correlation_id': 7}}     | source.correlation_id | wrong_type    | 400",
        "{'event_type': 'a', 'source': {'instance_id': []}}       | source.instance_id    | wrong_type    | 400",
        "{'event_type': 'a', 'correlation_id': true}              | correlation_id        | wrong_type    | 400",
        "{'event_type': 'a', 'metadata': ['x']}                   | metadata              | wrong_type    | 400",
        "{'event_type': 'a', 'metadata': {'region': 1}}           | metadata.region       | wrong_type    | 400",
        "{'event_type': 'a', 'priority': 1}                       | priority              | wrong_type    | 400",
        "{'event_type': 'a', 'ttl_seconds': '60'}                 | ttl_seconds           | wrong_type    | 400",
        "['not', 'an', 'object']                                  | ''                    | wrong_type    | 400",
        // missing
        "{}                                                       | event_type            | missing_field | 422",
        "{'event_type': null}                                     | event_type            | missing_field | 422",
        // invalid values
        "{'event_type': 'a..b'}                                   | event_type            | invalid_value | 422",
        "{'event_type': 'a.*'}                                    | event_type            | invalid_value | 422",
        "{'event_type': ''}                                       | event_type            | invalid_value | 422",
        "{'event_type': 'a', 'id': 'not-a-uuid'}                  | id                    | invalid_value | 422",
        "{'event_type': 'a', 'id': '550e8400e29b41d4a716446655440000'} | id               | invalid_value | 422",
        "{'event_type': 'a', 'timestamp': 'yesterday'}            | timestamp             | invalid_value | 422",
        "{'event_type': 'a', 'timestamp': '2025-07-25 10:30:45Z'} | timestamp             | invalid_value | 422",
        "{'event_type': 'a', 'timestamp': '2025-07-25T10:30Z'}    | timestamp             | invalid_value | 422",
        "{'event_type': 'a', 'timestamp': '2025-07-25T10:30:45'}  | timestamp             | invalid_value | 422",
        "{'event_type': 'a', 'timestamp': '2025-02-30T10:30:45Z'} | timestamp             | invalid_value | 422",
        "{'event_type': 'a', 'version': ' '}                      | version               | invalid_value | 422",
        "{'event_type': 'a', 'priority': 'urgent'}                | priority              | invalid_value | 422",
        "{'event_type': 'a', 'priority': 'HIGH'}                  | priority              | invalid_value | 422",
        "{'event_type': 'a', 'ttl_seconds': 0}                    | ttl_seconds           | invalid_value | 422",
        "{'event_type': 'a', 'ttl_seconds': -5}                   | ttl_seconds           | invalid_value | 422",
        "{'event_type': 'a', 'ttl_seconds': 1.5}                  | ttl_seconds           | invalid_value | 422",
        "{'event_type': 'a', 'ttl_seconds': 99999999999999999999} | ttl_seconds           | invalid_value | 422",
        "{'event_type': 'a', 'correlation_id': 'x', 'source': {'correlation_id': 'y'}} | correlation_id | invalid_value | 422",
        // malformed JSON
        "{'event_type': 'a',}                                     | event_type            | malformed_json | 400",
        "{'event_type': 'a'} {}                                   | ''                    | malformed_json | 400",
        "{'event_type': 'a', 'event_type': 'b'}                   | event_type            | malformed_json | 400",
        "{'event_type': 'a', 'data': {'items': [0, 1, 2, {'k': 1, 'k': 2}]}} | data.items[3].k | malformed_json | 400",
        "{'event_type': 'a', 'data': NaN}                         | data                  | malformed_json | 400",
        "{'event_type': 'a', 'data': 01}                          | data                  | malformed_json | 400",
        "{'event_type': 'a'                                       | event_type            | malformed_json | 400",
        "{'event_type': 'a', 'data': [1, 2, }                     | data[2]               | malformed_json | 400",
        "''                                                       | ''                    | malformed_json | 400",
      })
  void shouldReportErrorCodeFieldAndStatus(String body, String field, String code, int status) {
    EventRejectedException e = rejection(() -> eventJson.parseEvent(json(body)));

    assertThat(e.errors())
        .extracting(EventError::index, EventError::field, EventError::code)
        .contains(tuple(0, field.replace('\'', '"'), code));
    assertThat(e.status()).isEqualTo(status);
  }

  @Test
  void shouldNotLetAMisspelledEventTypePassSilently() {
    EventRejectedException e = rejection(() -> eventJson.parseEvent(json("{'evnet_type': 'a'}")));

    assertThat(e.errors())
        .extracting(EventError::field, EventError::code)
        .containsExactly(
            tuple("evnet_type", "unknown_field"), tuple("event_type", "missing_field"));
    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("evnet_type", "unknown_field", "2 errors");
  }

  @Test
  void shouldReportEveryProblemOfOneEvent() {
    EventRejectedException e =
        rejection(
            () ->
                eventJson.parseEvent(
                    json(
                        "{'event_type': 'a..b', 'id': 'x', 'priority': 'urgent', 'ttl_seconds': 0,"
                            + " 'source': {'bogus': 1}}")));

    assertThat(e.errors())
        .extracting(EventError::field)
        .containsExactlyInAnyOrder("event_type", "id", "priority", "ttl_seconds", "source.bogus");
  }

  @Test
  void shouldGiveLineAndColumnOfMalformedJson() {
    EventRejectedException e =
        rejection(() -> eventJson.parseEvent(json("{\n  'event_type': 'a',\n  }")));

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.code()).isEqualTo("malformed_json");
              assertThat(err.message()).contains("line 3, column 3");
            });
  }

  @Test
  void shouldRejectEmptyBody() {
    assertThat(rejection(() -> eventJson.parseEvent(new byte[0])).errors())
        .extracting(EventError::code)
        .containsExactly("malformed_json");
  }

  @Test
  void shouldRejectInvalidUtf8WithTheReason() {
    byte[] body =
        concat(
            utf8("{\"event_type\": \"a\", \"data\": \""),
            new byte[] {(byte) 0xC3, 0x28},
            utf8("\"}"));

    EventRejectedException e = rejection(() -> eventJson.parseEvent(body));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.code()).isEqualTo("invalid_utf8");
              assertThat(err.message()).contains("byte offset 29", "continuation byte");
            });
  }

  @Test
  void shouldRejectOverlongSurrogateAndOutOfRangeUtf8() {
    byte[][] bad = {
      {(byte) 0xC0, (byte) 0xAF},
      {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xFF},
      {(byte) 0x80},
      {(byte) 0xE2, (byte) 0x82}
    };
    for (byte[] sequence : bad) {
      byte[] body = concat(utf8("{\"event_type\": \"a\", \"data\": \""), sequence, utf8("\"}"));
      assertThat(rejection(() -> eventJson.parseEvent(body)).errors())
          .extracting(EventError::code)
          .containsExactly("invalid_utf8");
    }
  }

  @Test
  void shouldRefuseUnpairedSurrogateEscapesInsteadOfMangling() {
    EventRejectedException e =
        rejection(
            () ->
                eventJson.parseEvent(
                    utf8("{\"event_type\": \"a\", \"data\": {\"k\": \"x\\ud800y\"}}")));

    assertThat(e.errors())
        .extracting(EventError::field, EventError::code)
        .containsExactly(tuple("data.k", "invalid_utf8"));
    assertThat(
            eventJson
                .parseEvent(utf8("{\"event_type\": \"a\", \"data\": \"\\ud83d\\ude00\"}"))
                .getData()
                .getValue())
        .isEqualTo("\uD83D\uDE00");
  }

  @Test
  void shouldRefuseUtf16BodiesInsteadOfGuessingTheirEncoding() {
    byte[] body = "{\"event_type\":\"a\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

    assertThat(rejection(() -> eventJson.parseEvent(body)).errors())
        .extracting(EventError::code)
        .containsExactly("malformed_json");
  }

  @Test
  void shouldAcceptUtf8ByteOrderMark() {
    byte[] body =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json("{'event_type': 'a'}"));

    assertThat(eventJson.parseEvent(body).getEventType()).isEqualTo("a");
  }

  @Test
  void shouldQuoteOddMetadataKeysInPaths() {
    EventRejectedException e =
        rejection(() -> eventJson.parseEvent(json("{'event_type': 'a', 'metadata': {'a.b': 1}}")));

    assertThat(e.errors()).extracting(EventError::field).containsExactly("metadata[\"a.b\"]");
  }

  @Test
  void shouldExplainBadEventTypeCharacterPosition() {
    EventRejectedException e =
        rejection(() -> eventJson.parseEvent(json("{'event_type': 'agent.exec ution'}")));

    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.code()).isEqualTo("invalid_value");
              assertThat(err.message()).contains("position 10");
            });
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
