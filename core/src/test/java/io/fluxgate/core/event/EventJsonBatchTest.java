package io.fluxgate.core.event;

import static io.fluxgate.core.event.TestEvents.eventJson;
import static io.fluxgate.core.event.TestEvents.json;
import static io.fluxgate.core.event.TestEvents.rejection;
import static io.fluxgate.core.event.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonBatchTest {

  private final EventJson eventJson = eventJson();

  @Test
  void shouldParseJsonArrayBatchInOrder() {
    List<UniversalEvent> events =
        eventJson.parseBatch(
            json("[{'event_type': 'a.one'}, {'event_type': 'a.two', 'data': [1.10]}]"), false);

    assertThat(events).extracting(UniversalEvent::getEventType).containsExactly("a.one", "a.two");
  }

  @Test
  void shouldListEveryBadIndexAndField() {
    byte[] body =
        json(
            "[{'event_type': 'ok'},"
                + " {'event_type': 'bad..type'},"
                + " {'event_type': 'ok'},"
                + " {'evnet_type': 'typo'},"
                + " {'event_type': 'ok', 'source': {'correlation_id': 5}, 'priority': 'asap'}]");

    EventRejectedException e = rejection(() -> eventJson.parseBatch(body, false));

    assertThat(e.errors())
        .extracting(EventError::index, EventError::field, EventError::code)
        .containsExactly(
            tuple(1, "event_type", "invalid_value"),
            tuple(3, "evnet_type", "unknown_field"),
            tuple(3, "event_type", "missing_field"),
            tuple(4, "priority", "invalid_value"),
            tuple(4, "source.correlation_id", "wrong_type"));
    assertThat(e.status()).isEqualTo(400);
  }

  @Test
  void shouldReportNonObjectBatchElements() {
    EventRejectedException e =
        rejection(() -> eventJson.parseBatch(json("[{'event_type': 'a'}, 42, 'x']"), false));

    assertThat(e.errors())
        .extracting(EventError::index, EventError::code)
        .containsExactly(tuple(1, "wrong_type"), tuple(2, "wrong_type"));
  }

  @Test
  void shouldRejectBatchThatIsNotAnArray() {
    EventRejectedException e =
        rejection(() -> eventJson.parseBatch(json("{'event_type': 'a'}"), false));

    assertThat(e.errors()).extracting(EventError::code).containsExactly("wrong_type");
  }

  @Test
  void shouldReportMalformedBatchWithEventIndexAndPath() {
    EventRejectedException e =
        rejection(
            () ->
                eventJson.parseBatch(
                    json("[{'event_type': 'a'}, {'event_type': 'b', 'data': {'x': tru}}]"), false));

    assertThat(e.errors())
        .extracting(EventError::index, EventError::field, EventError::code)
        .containsExactly(tuple(1, "data.x", "malformed_json"));
  }

  @Test
  void shouldRejectEmptyBatches() {
    assertThat(rejection(() -> eventJson.parseBatch(json("[]"), false)).errors())
        .extracting(EventError::code)
        .containsExactly("invalid_value");
    assertThat(rejection(() -> eventJson.parseBatch(utf8(" \n\r\n\t\n"), true)).status())
        .isEqualTo(422);
    assertThat(rejection(() -> eventJson.parseBatch(new byte[0], true)).errors())
        .extracting(EventError::code)
        .containsExactly("invalid_value");
  }

  @Test
  void shouldParseNdjsonSkippingBlankLines() {
    byte[] body = utf8("\n{\"event_type\": \"a.one\"}\r\n  \r\n\n{\"event_type\": \"a.two\"}\n\n");

    List<UniversalEvent> events = eventJson.parseBatch(body, true);

    assertThat(events).extracting(UniversalEvent::getEventType).containsExactly("a.one", "a.two");
  }

  @Test
  void shouldParseNdjsonWithoutTrailingNewline() {
    assertThat(eventJson.parseBatch(utf8("{\"event_type\": \"a\"}"), true)).hasSize(1);
  }

  @Test
  void shouldIndexNdjsonErrorsByEventAndReportPhysicalLines() {
    byte[] body =
        utf8(
            "{\"event_type\": \"ok\"}\n"
                + "\n"
                + "{\"event_type\": \"ok\",}\n"
                + "{\"event_type\": \"a*\"}\n"
                + "{\"event_type\": \"ok\"} {\"event_type\": \"two-on-one-line\"}\n"
                + "[]\n");

    EventRejectedException e = rejection(() -> eventJson.parseBatch(body, true));

    assertThat(e.errors())
        .extracting(EventError::index, EventError::code)
        .containsExactly(
            tuple(1, "malformed_json"),
            tuple(2, "invalid_value"),
            tuple(3, "malformed_json"),
            tuple(4, "wrong_type"));
    assertThat(e.errors().get(0).message()).contains("line 3");
  }

  @Test
  void shouldAcceptBatchOfExactlyMaxEventsAndRefuseOneMore() {
    EventJson json = TestEvents.eventJson(new EventLimits(1 << 20, 1 << 20, 3, 64, 255));

    assertThat(json.parseBatch(json(array(3)), false)).hasSize(3);
    EventRejectedException e = rejection(() -> json.parseBatch(json(array(4)), false));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.errors())
        .extracting(EventError::index, EventError::code)
        .containsExactly(tuple(3, "too_large"));
    assertThat(rejection(() -> json.parseBatch(json(lines(4)), true)).status()).isEqualTo(413);
    assertThat(json.parseBatch(json(lines(3)), true)).hasSize(3);
  }

  @Test
  void shouldRejectBatchIfAnyEventIsTooLarge() {
    String small = "{\"event_type\": \"a\"}";
    String big = "{\"event_type\": \"a\", \"data\": \"" + "x".repeat(200) + "\"}";
    EventJson json = TestEvents.eventJson(new EventLimits(1 << 20, 100, 100, 64, 255));

    EventRejectedException e =
        rejection(() -> json.parseBatch(utf8("[" + small + ", " + big + "]"), false));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.errors())
        .extracting(EventError::index, EventError::code)
        .containsExactly(tuple(1, "too_large"));
    assertThat(rejection(() -> json.parseBatch(utf8(small + "\n" + big), true)).errors())
        .extracting(EventError::index, EventError::code)
        .containsExactly(tuple(1, "too_large"));
  }

  private static String array(int n) {
    return "[" + String.join(",", java.util.Collections.nCopies(n, "{'event_type': 'a'}")) + "]";
  }

  private static String lines(int n) {
    return String.join("\n", java.util.Collections.nCopies(n, "{'event_type': 'a'}"));
  }
}
