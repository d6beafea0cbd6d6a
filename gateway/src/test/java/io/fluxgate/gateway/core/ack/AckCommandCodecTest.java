package io.fluxgate.gateway.core.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckCommandCodecTest {

  @Test
  void shouldRoundTripEveryRecordType() {
    List<AckCommand> commands =
        List.of(
            new AckCommand.Lease(
                "ab",
                "ab",
                30_000,
                Map.of(0, 4L, 1, 0L),
                Map.of(0, List.of(4L, 6L), 1, List.of(0L)),
                Map.of(0, List.of(new OffsetRange(5, 6)))),
            new AckCommand.Ack("r1", List.of(new AckId(0, 4, "ab"), new AckId(1, 0, "ab"))),
            new AckCommand.Nack("r2", List.of(new AckId(0, 6, "ab"))),
            new AckCommand.Seek("r3", Map.of(0, 0L, 1, 7L)));

    for (AckCommand command : commands) {
      assertThat(AckCommandCodec.decode(AckCommandCodec.encode(command))).isEqualTo(command);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "null",
        "{\"type\": \"other\"}",
        "{\"type\": \"ack\", \"entries\": [\"x\"]}"
      })
  void shouldRefuseWhatIsNotALeaseLogRecord(String json) {
    assertThatThrownBy(() -> AckCommandCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
