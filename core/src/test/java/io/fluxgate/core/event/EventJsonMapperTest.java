package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class EventJsonMapperTest {

  @Test
  void shouldReadNumbersExactly() throws Exception {
    JsonNode node = EventJson.mapper().readTree("[1.10, 1e400, 18446744073709551617, 7]");

    assertThat(node.toString()).isEqualTo("[1.10,1E+400,18446744073709551617,7]");
  }

  @Test
  void shouldRefuseDuplicateKeysAndTrailingContent() {
    assertThatThrownBy(() -> EventJson.mapper().readTree("{\"a\": 1, \"a\": 2}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> EventJson.mapper().readValue("{} {}", JsonNode.class))
        .isInstanceOf(JsonProcessingException.class);
  }
}
