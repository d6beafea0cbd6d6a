package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.avro.UniversalEvent;
import org.junit.jupiter.api.Test;

class RecordKeysTest {

  private final EventJson eventJson = TestEvents.eventJson();

  @Test
  void shouldPreferCorrelationId() {
    assertThat(key("{'event_type': 'a', 'source': {'instance_id': 'i', 'correlation_id': 'c'}}"))
        .isEqualTo("c");
    assertThat(key("{'event_type': 'a', 'correlation_id': 'c', 'source': {'instance_id': 'i'}}"))
        .isEqualTo("c");
  }

  @Test
  void shouldFallBackToInstanceId() {
    assertThat(key("{'event_type': 'a', 'source': {'component': 'x', 'instance_id': 'i'}}"))
        .isEqualTo("i");
    assertThat(key("{'event_type': 'a', 'source': {'instance_id': 'i', 'correlation_id': ''}}"))
        .isEqualTo("i");
  }

  @Test
  void shouldFallBackToEventId() {
    String id = "550e8400-e29b-41d4-a716-446655440000";

    assertThat(key("{'event_type': 'a', 'id': '" + id + "', 'source': {'component': 'x'}}"))
        .isEqualTo(id);
    assertThat(key("{'event_type': 'a', 'id': '" + id + "'}")).isEqualTo(id);
    UniversalEvent noSource = eventJson.parseEvent(TestEvents.json("{'event_type': 'a'}"));
    noSource.setSource(null);
    assertThat(RecordKeys.keyOf(noSource)).isEqualTo(noSource.getId());
  }

  private String key(String event) {
    return RecordKeys.keyOf(eventJson.parseEvent(TestEvents.json(event)));
  }
}
