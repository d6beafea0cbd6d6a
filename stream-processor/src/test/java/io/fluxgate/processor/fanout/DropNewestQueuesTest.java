package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DropNewestQueuesTest {
  private static final Instant NOW = Instant.parse("2025-07-25T10:30:00Z");

  private final List<Subscription> subscriptions = new ArrayList<>();
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  private final List<Collection<Subscription>> reads = new ArrayList<>();
  private final Map<String, FlowCounts> counted = new ConcurrentHashMap<>();
  private final DropNewestQueues queues =
      new DropNewestQueues(
          () -> List.copyOf(subscriptions),
          subs -> {
            reads.add(List.copyOf(subs));
            return Map.copyOf(sizes);
          },
          (id, counts) -> counted.merge(id, counts, FlowCounts::plus),
          Duration.ofMillis(10));

  @Test
  void shouldReadOnlyDropNewestSubscriptionsAndAdmitTheOthersUncounted() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 1);
    Subscription blocking = subscription("blocking", Backpressure.BLOCK, 1);
    subscriptions.addAll(List.of(bounded, blocking));
    sizes.put("blocking", 5L);

    queues.refresh();

    assertThat(reads).containsExactly(List.of(bounded));
    assertThat(queues.admit(blocking)).isTrue();
    assertThat(queues.admit(bounded)).isTrue();
    assertThat(queues.admit(bounded)).isFalse();
    assertThat(counted).containsExactly(Map.entry("bounded", FlowCounts.droppedBeforeQueue(1)));
  }

  @Test
  void shouldNotAskKafkaWithoutDropNewestSubscriptions() {
    subscriptions.add(subscription("open", Backpressure.DROP_OLDEST, 1));

    queues.refresh();

    assertThat(reads).isEmpty();
  }

  @Test
  void shouldKeepThePreviousSnapshotWhenAReadFails() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 3);
    DropNewestQueues failing =
        new DropNewestQueues(
            () -> List.of(bounded),
            subs -> {
              if (sizes.containsKey("fail")) {
                throw new IllegalStateException("could not read queue sizes");
              }
              return Map.of("bounded", 2L);
            },
            (id, counts) -> counted.merge(id, counts, FlowCounts::plus),
            Duration.ofMillis(10));
    failing.refresh();
    sizes.put("fail", 1L);

    assertThatThrownBy(failing::refresh).hasMessageContaining("could not read queue sizes");
    assertThat(failing.admit(bounded)).isTrue();
    assertThat(failing.admit(bounded)).isFalse();
    assertThat(failing.estimatedQueueSize("bounded")).isEqualTo(3);
  }

  @Test
  void shouldCountACopyTheReadMissedUntilItsWriteSettles() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 3);
    subscriptions.add(bounded);
    queues.refresh();
    assertThat(queues.admit(bounded)).isTrue();

    // The copy still lingers in the producer: the topic's end offset does not show it yet.
    queues.refresh();

    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(1);
    assertThat(queues.admit(bounded)).isTrue();
    assertThat(queues.admit(bounded)).isTrue();
    assertThat(queues.admit(bounded)).as("the bound counts the unseen copy").isFalse();

    // All three acknowledged, then read: counted once, by the read.
    for (int i = 0; i < 3; i++) {
      queues.settled(bounded.topic());
    }
    sizes.put("bounded", 3L);
    queues.refresh();

    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(3);
    assertThat(queues.admit(bounded)).isFalse();
    assertThat(counted.get("bounded")).isEqualTo(FlowCounts.droppedBeforeQueue(2));
  }

  @Test
  void shouldCountACopySettledDuringTheReadTwiceUntilTheNextRead() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 2);
    AtomicReference<DropNewestQueues> self = new AtomicReference<>();
    AtomicBoolean ackDuringRead = new AtomicBoolean();
    DropNewestQueues racing =
        new DropNewestQueues(
            () -> List.of(bounded),
            subs -> {
              // Acknowledged while the read is under way, and in the end offset it reads.
              if (ackDuringRead.getAndSet(false)) {
                self.get().settled(bounded.topic());
              }
              return Map.of("bounded", 1L);
            },
            (id, counts) -> counted.merge(id, counts, FlowCounts::plus),
            Duration.ofMillis(10));
    self.set(racing);
    assertThat(racing.admit(bounded)).isTrue();
    ackDuringRead.set(true);

    racing.refresh();

    assertThat(racing.estimatedQueueSize("bounded")).as("early, never over").isEqualTo(2);
    assertThat(racing.admit(bounded)).isFalse();

    racing.refresh();

    assertThat(racing.estimatedQueueSize("bounded")).isEqualTo(1);
    assertThat(racing.admit(bounded)).isTrue();
    assertThat(racing.admit(bounded)).isFalse();
  }

  @Test
  void shouldIgnoreSettledCopiesOfOtherTopicsAndForgetDeletedSubscriptions() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 1);
    Subscription open = subscription("open", Backpressure.DROP_OLDEST, 1);
    subscriptions.addAll(List.of(bounded, open));
    assertThat(queues.admit(bounded)).isTrue();
    assertThat(queues.admit(open)).isTrue();

    queues.settled(open.topic());
    queues.settled("some.other.topic");
    queues.refresh();

    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(1);

    subscriptions.remove(bounded);
    queues.refresh();
    queues.settled(bounded.topic());

    assertThat(queues.estimatedQueueSize("bounded")).isZero();
  }

  @Test
  void shouldAdmitEverythingWhenUnbounded() {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 1);

    for (int i = 0; i < 5; i++) {
      assertThat(DropNewestQueues.UNBOUNDED.admit(bounded)).isTrue();
    }
    assertThat(DropNewestQueues.UNBOUNDED.estimatedQueueSize("bounded")).isZero();
  }

  @Test
  void shouldRefreshInTheBackgroundOnceStartedAndStopWhenStopped() throws InterruptedException {
    Subscription bounded = subscription("bounded", Backpressure.DROP_NEWEST, 10);
    CountDownLatch twoReads = new CountDownLatch(2);
    DropNewestQueues background =
        new DropNewestQueues(
            () -> List.of(bounded),
            subs -> {
              twoReads.countDown();
              return Map.of("bounded", 10L);
            },
            (id, counts) -> counted.merge(id, counts, FlowCounts::plus),
            Duration.ofMillis(10));

    background.start();
    try {
      assertThat(twoReads.await(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      background.stop();
    }

    assertThat(background.admit(bounded)).isFalse();
    assertThat(counted.get("bounded")).isEqualTo(FlowCounts.droppedBeforeQueue(1));
  }

  private static Subscription subscription(String id, Backpressure policy, int max) {
    return new Subscription(
        id,
        id,
        List.of("a.*"),
        StartPosition.LATEST,
        Map.of(),
        NOW,
        null,
        false,
        policy,
        max,
        null);
  }
}
