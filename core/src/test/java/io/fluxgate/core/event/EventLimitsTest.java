package io.fluxgate.core.event;

import static io.fluxgate.core.event.TestEvents.eventJson;
import static io.fluxgate.core.event.TestEvents.rejection;
import static io.fluxgate.core.event.TestEvents.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventLimitsTest {

  @Test
  void shouldHaveContractDefaults() {
    assertThat(EventLimits.defaults())
        .isEqualTo(new EventLimits(10 * 1024 * 1024, 1024 * 1024, 10_000, 64, 255));
  }

  @Test
  void shouldRefuseNonPositiveLimits() {
    assertThatThrownBy(() -> new EventLimits(1, 1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatchEvents");
  }

  @Test
  void shouldAcceptBodyAtLimitAndRefuseOneByteMore() {
    String event = "{\"event_type\": \"a\"}";
    EventJson json = eventJson(new EventLimits(event.length(), 1 << 20, 10, 64, 255));

    assertThat(json.parseEvent(utf8(event)).getEventType()).isEqualTo("a");
    EventRejectedException e = rejection(() -> json.parseEvent(utf8(event + " ")));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.errors()).singleElement().extracting(EventError::code).isEqualTo("too_large");
    assertThat(rejection(() -> json.parseBatch(utf8("[" + event + "]"), false)).status())
        .isEqualTo(413);
  }

  @Test
  void shouldAcceptEventAtSizeLimitAndRefuseOneByteMore() {
    String atLimit = eventOfSize(120);
    String aboveLimit = eventOfSize(121);
    EventJson json = eventJson(new EventLimits(1 << 20, 120, 10, 64, 255));

    assertThat(json.parseEvent(utf8("  " + atLimit + "\n"))).isNotNull();
    assertThat(json.parseBatch(utf8("[" + atLimit + "]"), false)).hasSize(1);
    EventRejectedException e = rejection(() -> json.parseEvent(utf8(aboveLimit)));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.errors().get(0).message()).contains("121 bytes");
  }

  @Test
  void shouldMeasureEventSizeInUtf8Bytes() {
    String event = "{\"event_type\": \"a\", \"data\": \"ééééé\"}";
    int bytes = utf8(event).length;
    EventJson json = eventJson(new EventLimits(1 << 20, bytes - 1, 10, 64, 255));

    assertThat(rejection(() -> json.parseEvent(utf8(event))).status()).isEqualTo(413);
  }

  @Test
  void shouldAcceptDepthAtLimitAndRefuseOneLevelMore() {
    EventJson json = eventJson();

    assertThat(json.parseEvent(utf8(eventOfDepth(64))).getEventType()).isEqualTo("a");
    EventRejectedException e = rejection(() -> json.parseEvent(utf8(eventOfDepth(65))));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.code()).isEqualTo("too_deep");
              assertThat(err.field()).isEqualTo("data" + "[0]".repeat(63));
            });
  }

  @Test
  void shouldApplyDepthPerEventInBatches() {
    EventJson json = eventJson();
    String ok = eventOfDepth(64);

    assertThat(json.parseBatch(utf8("[" + ok + "," + ok + "]"), false)).hasSize(2);
    EventRejectedException e =
        rejection(() -> json.parseBatch(utf8("[" + ok + "," + eventOfDepth(65) + "]"), false));
    assertThat(e.errors()).extracting(EventError::index).containsExactly(1);
  }

  @Test
  void shouldRefuseAbusivelyDeepJsonWithoutStackOverflow() {
    EventRejectedException e = rejection(() -> eventJson().parseEvent(utf8(eventOfDepth(100_000))));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errors()).extracting(EventError::code).containsOnly("too_deep");
  }

  @Test
  void shouldAcceptEventTypeAtMaxLengthAndRefuseLonger() {
    EventJson json = eventJson();
    String type255 = "a".repeat(100) + "." + "b".repeat(154);
    String type256 = type255 + "c";

    assertThat(json.parseEvent(utf8("{\"event_type\": \"" + type255 + "\"}")).getEventType())
        .hasSize(255);
    EventRejectedException e =
        rejection(() -> json.parseEvent(utf8("{\"event_type\": \"" + type256 + "\"}")));
    assertThat(e.errors())
        .singleElement()
        .satisfies(
            err -> {
              assertThat(err.field()).isEqualTo("event_type");
              assertThat(err.code()).isEqualTo("invalid_value");
              assertThat(err.message()).contains("256");
            });
  }

  @Test
  void shouldApplyConfiguredEventTypeLength() {
    EventJson json = eventJson(new EventLimits(1 << 20, 1 << 20, 10, 64, 5));

    assertThat(json.parseEvent(utf8("{\"event_type\": \"a.bcd\"}"))).isNotNull();
    assertThat(rejection(() -> json.parseEvent(utf8("{\"event_type\": \"a.bcde\"}"))).status())
        .isEqualTo(422);
  }

  @Test
  void shouldRefuseOverlongNumbersAsTooLarge() {
    String digits = "1".repeat(5000);

    EventRejectedException e =
        rejection(
            () ->
                eventJson().parseEvent(utf8("{\"event_type\": \"a\", \"data\": " + digits + "}")));

    assertThat(e.status()).isEqualTo(413);
  }

  /** An event whose deepest container is at {@code depth} (the event object being 1). */
  static String eventOfDepth(int depth) {
    int arrays = depth - 1;
    return "{\"event_type\": \"a\", \"data\": " + "[".repeat(arrays) + "]".repeat(arrays) + "}";
  }

  private static String eventOfSize(int size) {
    String prefix = "{\"event_type\": \"a\", \"data\": \"";
    String suffix = "\"}";
    return prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
  }
}
