package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE id: a position vector over the subscription topic's partitions, read back strictly. */
class StreamPositionTest {

  @Test
  void shouldEncodeEveryPartitionInAscendingOrder() {
    StreamPosition position = new StreamPosition(Map.of(2, 0L, 0, 12L, 1, 7L));

    assertThat(position.encode()).isEqualTo("0:12,1:7,2:0");
  }

  @Test
  void shouldReadBackWhatItEncodes() {
    StreamPosition position = new StreamPosition(Map.of(0, Long.MAX_VALUE, 1, 0L, 999, 42L));

    assertThat(StreamPosition.parse(position.encode())).isEqualTo(position);
  }

  @Test
  void shouldAdvanceOnePartitionAndLeaveTheOthers() {
    StreamPosition position = StreamPosition.parse("0:12,1:7,2:0");

    assertThat(position.advance(1, 8).encode()).isEqualTo("0:12,1:8,2:0");
    assertThat(position.encode()).as("unchanged").isEqualTo("0:12,1:7,2:0");
  }

  @Test
  void shouldRefuseNegativePartitionsAndOffsets() {
    assertThatThrownBy(() -> new StreamPosition(Map.of(-1, 0L)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StreamPosition(Map.of(0, -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "0:",
        ":1",
        "a:1",
        "0:1,",
        ",0:1",
        "0:1;1:2",
        " 0:1",
        "0:1 ",
        "0:-1",
        "-1:0",
        "0:+1",
        "01:1",
        "0:01",
        "10000:1",
        "0:1.5",
        "0:1\n1:2",
        "MDox",
        "0:12345678901234567890"
      })
  void shouldRefuseTextThatIsNotAPosition(String text) {
    assertThatThrownBy(() -> StreamPosition.parse(text))
        .isInstanceOf(StreamPosition.MalformedPositionException.class)
        .hasMessageStartingWith("Last-Event-ID ");
  }

  @Test
  void shouldRefuseAnOffsetBeyondALong() {
    assertThatThrownBy(() -> StreamPosition.parse("0:9223372036854775808"))
        .isInstanceOf(StreamPosition.MalformedPositionException.class)
        .hasMessageContaining("beyond");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0:1,0:2", "1:1,0:2"})
  void shouldRefuseAPartitionNamedTwiceOrOutOfOrder(String text) {
    assertThatThrownBy(() -> StreamPosition.parse(text))
        .isInstanceOf(StreamPosition.MalformedPositionException.class)
        .hasMessageContaining("twice or out of ascending order");
  }

  @Test
  void shouldRefuseEmptyAndOverlongText() {
    assertThatThrownBy(() -> StreamPosition.parse(""))
        .isInstanceOf(StreamPosition.MalformedPositionException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> StreamPosition.parse("0:1,".repeat(10_000) + "0:1"))
        .isInstanceOf(StreamPosition.MalformedPositionException.class)
        .hasMessageContaining("longer than");
  }
}
