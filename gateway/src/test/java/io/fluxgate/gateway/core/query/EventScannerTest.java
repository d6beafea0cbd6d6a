package io.fluxgate.gateway.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.gateway.core.TestRegistry;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The scanner's own bounds; scans of real topics are in {@code SeekAndQueryIT}. */
class EventScannerTest {
  private static final EventQuery ALL =
      new EventQuery(GlobPattern.compile("**"), null, null, 10, null, e -> true);

  @Test
  void shouldRefuseAQueryBeyondTheConcurrencyLimitWith503() throws Exception {
    CountDownLatch opening = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    EventScanner scanner =
        scanner(
            () -> {
              opening.countDown();
              await(release);
              return new MockConsumer<>("earliest");
            });
    CompletableFuture<QueryPage> first = CompletableFuture.supplyAsync(() -> scanner.scan(ALL));
    assertThat(opening.await(5, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> scanner.scan(ALL))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getResponse().getStatus()).isEqualTo(503));
    release.countDown();
    // The first query found no topic: a complete, empty page; its slot is free again.
    assertThat(first.get(5, TimeUnit.SECONDS).truncated()).isFalse();
    assertThat(scanner(() -> new MockConsumer<>("earliest")).scan(ALL).events()).isEmpty();
  }

  @Test
  void shouldRoundTripACursorAndRefuseAForeignOne() {
    QueryCursor cursor =
        new QueryCursor(
            Map.of(new TopicPartition("events", 0), 12L, new TopicPartition("a-b", 3), 0L));

    assertThat(QueryCursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThatThrownBy(() -> QueryCursor.decode("eyJldmVudHMiOnsieCI6MX19"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EventScanner scanner(
      java.util.function.Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>>
          consumers) {
    return new EventScanner(
        consumers,
        List.of("events"),
        new EventJson(EventLimits.defaults(), Clock.systemUTC()),
        TestRegistry.started().codec,
        Clock.systemUTC(),
        100,
        Duration.ofSeconds(1),
        1);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
