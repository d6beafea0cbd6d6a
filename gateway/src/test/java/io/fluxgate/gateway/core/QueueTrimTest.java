package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueTrimTest {

  @Test
  void shouldSkipNothingUpToTheBound() {
    assertThat(QueueTrim.skips(Map.of(0, 10L, 1, 10L), 20)).isEmpty();
  }

  @Test
  void shouldKeepEachPartitionsShareOfTheBound() {
    assertThat(QueueTrim.skips(Map.of(0, 30L, 1, 10L), 20)).isEqualTo(Map.of(0, 15L, 1, 5L));
  }

  @Test
  void shouldNeverKeepMoreThanTheBoundWhenSharesRoundDown() {
    Map<Integer, Long> queues = Map.of(0, 7L, 1, 7L, 2, 7L);
    Map<Integer, Long> skips = QueueTrim.skips(queues, 10);

    long kept =
        queues.entrySet().stream().mapToLong(e -> e.getValue() - skips.get(e.getKey())).sum();
    assertThat(kept).isLessThanOrEqualTo(10).isGreaterThanOrEqualTo(10 - queues.size());
  }

  @Test
  void shouldNotOverflowOnHugeQueues() {
    assertThat(QueueTrim.skips(Map.of(0, Long.MAX_VALUE / 2), 10_000_000))
        .isEqualTo(Map.of(0, Long.MAX_VALUE / 2 - 10_000_000));
  }
}
