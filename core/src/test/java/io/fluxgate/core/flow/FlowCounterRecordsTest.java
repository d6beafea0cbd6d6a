package io.fluxgate.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlowCounterRecordsTest {

  @Test
  void shouldKeyATotalBySubscriptionAndWriter() {
    String key = FlowCounterRecords.key("sub-1", "w-1");

    assertThat(key).isEqualTo("sub-1/w-1");
    assertThat(FlowCounterRecords.subscriptionOf(key)).contains("sub-1");
  }

  @Test
  void shouldRefuseAWriterIdTheKeyCannotHold() {
    assertThatThrownBy(() -> FlowCounterRecords.key("sub-1", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldIgnoreKeysThatAreNotCounters() {
    assertThat(FlowCounterRecords.subscriptionOf("no-separator")).isEmpty();
    assertThat(FlowCounterRecords.subscriptionOf("/w-1")).isEmpty();
    assertThat(FlowCounterRecords.subscriptionOf(null)).isEmpty();
  }

  @Test
  void shouldRoundTripCounts() throws IOException {
    FlowCounts counts = new FlowCounts(1, 2, 3);

    assertThat(FlowCounterRecords.decode(FlowCounterRecords.encode(counts))).isEqualTo(counts);
    assertThat(new String(FlowCounterRecords.encode(counts), StandardCharsets.UTF_8))
        .isEqualTo("{\"dropped_before_queue\":1,\"dropped_from_queue\":2,\"rejected\":3}");
  }

  @Test
  void shouldRefuseARecordThatIsNotCounts() {
    assertThatThrownBy(() -> FlowCounterRecords.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () -> FlowCounterRecords.decode("{\"rejected\":-1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IOException.class);
  }

  @Test
  void shouldAddCountsAndTellEveryDrop() {
    FlowCounts sum =
        FlowCounts.droppedBeforeQueue(2)
            .plus(FlowCounts.droppedFromQueue(3))
            .plus(FlowCounts.rejected(4));

    assertThat(sum).isEqualTo(new FlowCounts(2, 3, 4));
    assertThat(sum.dropped()).isEqualTo(5);
  }
}
