package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldMakeEventsOfExactlyTheAskedSize() {
    EventFactory factory = new EventFactory("loadgen.run1", 300);

    String event = factory.event(EventFactory.newId());

    assertThat(event.getBytes(StandardCharsets.UTF_8)).hasSize(300);
    assertThat(factory.event(EventFactory.newId())).hasSameSizeAs(event);
  }

  @Test
  void shouldMakeTheSmallestEventWhenTheSizeIsTooSmall() {
    String event = new EventFactory("loadgen.run1", 10).event(EventFactory.newId());

    assertThat(event).contains("\"pad\":\"\"");
  }

  @Test
  void shouldCarryTheIdAndTypeAsValidJson() throws Exception {
    String id = EventFactory.newId();

    JsonNode event = JSON.readTree(new EventFactory("loadgen.run1", 300).event(id));

    assertThat(event.get("id").asText()).isEqualTo(id);
    assertThat(event.get("event_type").asText()).isEqualTo("loadgen.run1");
  }

  @Test
  void shouldWriteABatchAsOneEventALine() {
    EventFactory factory = new EventFactory("loadgen.run1", 200);
    List<String> events = List.of(factory.event("a"), factory.event("b"), factory.event("c"));

    String body = new String(EventFactory.ndjson(events), StandardCharsets.UTF_8);

    assertThat(body.split("\n")).containsExactlyElementsOf(events);
    assertThat(body).endsWith("\n");
  }
}
