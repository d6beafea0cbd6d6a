package io.fluxgate.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventPathTest {
  private static final Map<String, Object> EVENT =
      Map.of(
          "event_type", "request.completed",
          "source", Map.of("component", "api"),
          "metadata", Map.of("env", "prod"),
          "data", Map.of("latency_ms", 42L, "http", Map.of("status", 200L)));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "event_type",
        "id",
        "priority",
        "version",
        "source.component",
        "source.instance_id",
        "source.correlation_id",
        "metadata.env",
        "data",
        "data.http.status",
        "data._x-1"
      })
  void shouldAcceptThePathsOfTheGrammar(String text) {
    assertThat(EventPath.parse(text).text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "payload.x",
        "source",
        "source.host",
        "event_type.x",
        "metadata",
        "data.",
        "data.a..b",
        "data.1st",
        "data.a[0]"
      })
  void shouldRefuseEverythingElse(String text) {
    assertThatThrownBy(() -> EventPath.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldReadValuesAndNullWhereTheEventHasNone() {
    assertThat(EventPath.parse("data.http.status").valueIn(EVENT)).isEqualTo(200L);
    assertThat(EventPath.parse("source.component").valueIn(EVENT)).isEqualTo("api");
    assertThat(EventPath.parse("metadata.env").valueIn(EVENT)).isEqualTo("prod");
    assertThat(EventPath.parse("event_type").valueIn(EVENT)).isEqualTo("request.completed");
    assertThat(EventPath.parse("data.http.method").valueIn(EVENT)).isNull();
    assertThat(EventPath.parse("data.latency_ms.x").valueIn(EVENT)).isNull();
    assertThat(EventPath.parse("source.instance_id").valueIn(EVENT)).isNull();
    assertThat(EventPath.parse("data.http.status").segments())
        .isEqualTo(List.of("data", "http", "status"));
    assertThat(EventPath.parse("data.http.status").leaf()).isEqualTo("status");
  }
}
