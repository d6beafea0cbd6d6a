package io.fluxgate.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishedEventJsonTest {
  private final ObjectMapper mapper = Jackson.newObjectMapper();

  @Test
  void writesTheContractFieldsWithTheTimestampAsInstantText() throws Exception {
    Instant at = Instant.parse("2026-11-24T03:20:01.123456Z");
    PublishedEvent event = new PublishedEvent("e-1", "agent.started", "events", 2, 41L, at);

    JsonNode json = mapper.readTree(mapper.writeValueAsBytes(event));

    assertThat(json.get("id").asText()).isEqualTo("e-1");
    assertThat(json.get("event_type").asText()).isEqualTo("agent.started");
    assertThat(json.get("topic").asText()).isEqualTo("events");
    assertThat(json.get("partition").asInt()).isEqualTo(2);
    assertThat(json.get("offset").asLong()).isEqualTo(41L);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-24T03:20:01.123456Z");
  }

  @Test
  void writesTheFieldsInDeclarationOrderAndEscapesText() throws Exception {
    PublishedEvent event =
        new PublishedEvent(
            "q\"\u00e9", "a.b", "events", 0, Long.MAX_VALUE, Instant.ofEpochSecond(0, 1000));

    assertThat(mapper.writeValueAsString(event))
        .isEqualTo(
            "{\"id\":\"q\\\"\u00e9\",\"event_type\":\"a.b\",\"topic\":\"events\",\"partition\":0,"
                + "\"offset\":9223372036854775807,\"timestamp\":\"1970-01-01T00:00:00.000001Z\"}");
    assertThat(mapper.writeValueAsString(new PublishedEvent(null, null, null, 1, 2L, null)))
        .isEqualTo(
            "{\"id\":null,\"event_type\":null,\"topic\":null,\"partition\":1,\"offset\":2,"
                + "\"timestamp\":null}");
  }

  @Test
  void batchAnswersCarryEveryTimestampAsText() throws Exception {
    Instant first = Instant.parse("2026-11-24T00:00:00Z");
    Instant second = Instant.parse("2026-11-24T00:00:00.5Z");
    BatchPublished batch =
        new BatchPublished(
            2,
            List.of(
                new PublishedEvent("a", "x.y", "events", 0, 1L, first),
                new PublishedEvent("b", "x.y", "events", 0, 2L, second)));

    JsonNode json = mapper.readTree(mapper.writeValueAsBytes(batch));

    assertThat(json.get("count").asInt()).isEqualTo(2);
    assertThat(json.get("events").findValuesAsText("timestamp"))
        .containsExactly("2026-11-24T00:00:00Z", "2026-11-24T00:00:00.500Z");
  }
}
