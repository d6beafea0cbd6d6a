package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.flow.FlowCounterRecords;
import io.fluxgate.core.flow.FlowCounts;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A subscription's totals are the sum of its writers' latest totals. */
class KafkaFlowControlCountersTest {
  private final KafkaFlowControlCounters counters = new KafkaFlowControlCounters(Map.of());

  private void write(String subscription, String writer, FlowCounts counts) {
    counters.apply(FlowCounterRecords.key(subscription, writer), FlowCounterRecords.encode(counts));
  }

  @Test
  void shouldSumTheLatestTotalOfEveryWriter() {
    write("sub-1", "gateway-a", FlowCounts.rejected(1));
    write("sub-1", "gateway-a", FlowCounts.rejected(3));
    write("sub-1", "gateway-b", FlowCounts.rejected(2));
    write("sub-1", "fan-out", FlowCounts.droppedBeforeQueue(5));
    write("sub-2", "gateway-a", FlowCounts.droppedFromQueue(9));

    assertThat(counters.sum("sub-1")).isEqualTo(new FlowCounts(5, 0, 5));
    assertThat(counters.sum("sub-2")).isEqualTo(FlowCounts.droppedFromQueue(9));
  }

  @Test
  void shouldCountNothingForASubscriptionWithoutRecords() {
    assertThat(counters.sum("sub-1")).isEqualTo(FlowCounts.ZERO);
  }

  @Test
  void shouldForgetAWriterOnItsTombstone() {
    write("sub-1", "gateway-a", FlowCounts.rejected(1));
    write("sub-1", "gateway-b", FlowCounts.rejected(2));

    counters.apply(FlowCounterRecords.key("sub-1", "gateway-a"), null);

    assertThat(counters.sum("sub-1")).isEqualTo(FlowCounts.rejected(2));
  }

  @Test
  void shouldSkipRecordsThatAreNotCounts() {
    write("sub-1", "gateway-a", FlowCounts.rejected(1));

    counters.apply(
        FlowCounterRecords.key("sub-1", "gateway-b"), "oops".getBytes(StandardCharsets.UTF_8));
    counters.apply("no-separator", FlowCounterRecords.encode(FlowCounts.rejected(4)));
    counters.apply(null, FlowCounterRecords.encode(FlowCounts.rejected(4)));

    assertThat(counters.sum("sub-1")).isEqualTo(FlowCounts.rejected(1));
  }

  @Test
  void shouldRefuseToAnswerBeforeItHasReadTheTopic() {
    assertThat(counters.isCurrent()).isFalse();
    assertThatThrownBy(() -> counters.read("sub-1"))
        .isInstanceOf(SubscriptionStatsReader.UnavailableException.class);
  }
}
