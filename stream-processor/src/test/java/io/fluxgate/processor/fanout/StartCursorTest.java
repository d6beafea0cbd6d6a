package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartCursorTest {
  private static final long FIRST_SEEN = 17L;

  @Test
  void shouldStartEarliestAtTheLogStart() {
    assertThat(StartCursor.initial(subscription(StartPosition.EARLIEST, Map.of()), "events", 0, 9))
        .isEqualTo(StartCursor.LOG_START);
  }

  @Test
  void shouldStartLatestAtItsStartOffset() {
    Subscription latest = subscription(StartPosition.LATEST, Map.of("events-1", 42L));

    assertThat(StartCursor.initial(latest, "events", 1, FIRST_SEEN)).isEqualTo(42L);
  }

  @Test
  void shouldStartAPartitionCreatedAfterTheSubscriptionAtItsLogStart() {
    Subscription latest = subscription(StartPosition.LATEST, Map.of("events-0", 42L));

    assertThat(StartCursor.initial(latest, "events", 3, FIRST_SEEN))
        .isEqualTo(StartCursor.LOG_START);
  }

  @Test
  void shouldStartASubscriptionWithoutStartOffsetsWhereFirstSeen() {
    assertThat(
            StartCursor.initial(subscription(StartPosition.LATEST, null), "events", 0, FIRST_SEEN))
        .isEqualTo(FIRST_SEEN);
  }

  @Test
  void shouldStartATimeAtTheOffsetTheGatewayFoundForIt() {
    StartPosition time = StartPosition.at(Instant.parse("2025-07-25T09:00:00Z"));

    assertThat(StartCursor.initial(subscription(time, Map.of("events-0", 5L)), "events", 0, 9))
        .isEqualTo(5L);
  }

  @Test
  void shouldStartATimeWithoutOffsetsAtTheLogStartSinceNoTopicExistedThen() {
    StartPosition time = StartPosition.at(Instant.parse("2025-07-25T09:00:00Z"));

    assertThat(StartCursor.initial(subscription(time, Map.of()), "events", 0, FIRST_SEEN))
        .isEqualTo(StartCursor.LOG_START);
  }

  private static Subscription subscription(StartPosition start, Map<String, Long> startOffsets) {
    return new Subscription(
        "s1", null, List.of("**"), start, startOffsets, Instant.parse("2025-07-25T10:30:00Z"));
  }
}
