package io.fluxgate.gateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PublishFlowControlTest {
  private static final EventJson EVENT_JSON =
      new EventJson(EventLimits.defaults(), Clock.systemUTC());

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  private final Map<String, FlowCounts> recorded = new ConcurrentHashMap<>();
  private final PublishFlowControl flow =
      new PublishFlowControl(
          () -> subscriptions,
          subs -> Map.copyOf(sizes),
          (id, counts) -> recorded.merge(id, counts, FlowCounts::plus),
          Duration.ofMillis(20));

  private Subscription subscription(
      String id, String pattern, Backpressure policy, int max, int ms) {
    return subscription(id, pattern, null, policy, max, ms);
  }

  private Subscription subscription(
      String id, String pattern, String filter, Backpressure policy, int max, int ms) {
    Subscription s =
        new Subscription(
            id,
            null,
            List.of(pattern),
            StartPosition.LATEST,
            Map.of(),
            Instant.EPOCH,
            filter,
            false,
            policy,
            max,
            ms);
    subscriptions.add(s);
    return s;
  }

  @Test
  void shouldAdmitBelowTheBoundAndCountWhatItAdmitted() throws Exception {
    subscription("r", "order.*", Backpressure.REJECT, 3, 0);
    sizes.put("r", 1L);
    flow.refresh();

    flow.admit(List.of("order.created", "order.paid"));
    // 1 read + 2 admitted by this instance = 3: the next one is refused before the next refresh.
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> flow.admit(List.of("order.created")));

    assertThat(e.getResponse().getStatus()).isEqualTo(429);
    assertThat(recorded).containsExactly(Map.entry("r", FlowCounts.rejected(1)));
  }

  @Test
  void shouldIgnoreEventsOfOtherTypesAndOtherPolicies() throws Exception {
    subscription("r", "order.*", Backpressure.REJECT, 1, 0);
    subscription("d", "**", Backpressure.DROP_OLDEST, 1, 0);
    sizes.put("r", 5L);
    sizes.put("d", 5L);
    flow.refresh();

    flow.admit(List.of("user.created", "payment.done"));

    assertThat(recorded).isEmpty();
  }

  @Test
  void shouldRefuseAWholeBatchWith429ListingTheOffendingIndices() {
    subscription("r", "order.*", Backpressure.REJECT, 10, 0);
    sizes.put("r", 9L);
    flow.refresh();

    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> flow.admit(List.of("order.created", "user.created", "order.paid")));

    assertThat(e.getResponse().getStatus()).isEqualTo(429);
    assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(e.body().error()).isEqualTo("queue_full");
    assertThat(details(e))
        .containsExactly(
            Map.of(
                "subscription_id",
                "r",
                "backpressure",
                "reject",
                "queue_size",
                9L,
                "max_queue_size",
                10,
                "indices",
                List.of(0, 2)));
    assertThat(recorded).containsExactly(Map.entry("r", FlowCounts.rejected(2)));
  }

  @Test
  void shouldAnswer503AfterTheBlockTimeoutWhenNoRoomAppears() {
    subscription("b", "order.*", Backpressure.BLOCK, 1, 100);
    sizes.put("b", 1L);
    flow.refresh();
    long start = System.nanoTime();

    ApiException e =
        catchThrowableOfType(ApiException.class, () -> flow.admit(List.of("order.created")));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100));
    assertThat(e.getResponse().getStatus()).isEqualTo(503);
    assertThat(e.getResponse().getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(details(e))
        .extracting(d -> (Object) ((Map<?, ?>) d).get("backpressure"))
        .containsExactly("block");
    assertThat(recorded).containsExactly(Map.entry("b", FlowCounts.rejected(1)));
  }

  @Test
  void shouldLetABlockedPublisherThroughOnceTheQueueHasRoom() throws Exception {
    subscription("b", "order.*", Backpressure.BLOCK, 1, 30_000);
    sizes.put("b", 1L);
    flow.refresh();

    CompletableFuture<Void> publishing =
        CompletableFuture.runAsync(
            () -> {
              try {
                flow.admit(List.of("order.created"));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThatThrownBy(() -> publishing.get(100, java.util.concurrent.TimeUnit.MILLISECONDS))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    sizes.put("b", 0L);
    flow.refresh();

    publishing.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(publishing).isCompleted();
    assertThat(recorded).isEmpty();
  }

  @Test
  void shouldRejectAtOnceWhenARejectAndABlockSubscriptionAreBothFull() {
    subscription("b", "order.*", Backpressure.BLOCK, 1, 30_000);
    subscription("r", "order.created", Backpressure.REJECT, 1, 0);
    sizes.put("b", 1L);
    sizes.put("r", 1L);
    flow.refresh();

    ApiException e =
        catchThrowableOfType(ApiException.class, () -> flow.admit(List.of("order.created")));

    assertThat(e.getResponse().getStatus()).isEqualTo(429);
    assertThat(recorded)
        .containsOnly(
            Map.entry("b", FlowCounts.rejected(1)), Map.entry("r", FlowCounts.rejected(1)));
  }

  @Test
  void shouldAdmitEverythingWithoutSubscriptionsOrBeforeTheFirstRefresh() throws Exception {
    subscription("r", "**", Backpressure.REJECT, 1, 0);
    sizes.put("r", 100L);

    flow.admit(List.of("a.b")); // not refreshed yet: nothing known, nothing refused
    PublishFlowControl.NONE.admit(List.of("a.b"));

    assertThat(recorded).isEmpty();
  }

  @Test
  void shouldCountOnlyTheEventsAFilteredSubscriptionTakes() throws Exception {
    subscription("big", "payment.*", "data.amount >= 100", Backpressure.REJECT, 1, 0);
    subscription("broken", "payment.*", "data.amount >=", Backpressure.REJECT, 1, 0);
    sizes.put("big", 1L);
    sizes.put("broken", 1L);
    flow.refresh();

    flow.admitEvents(List.of(payment(5), payment(99)));
    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> flow.admitEvents(List.of(payment(7), payment(100))));

    assertThat(e.getResponse().getStatus()).isEqualTo(429);
    Map<?, ?> refusal = (Map<?, ?>) details(e).get(0);
    assertThat(details(e)).hasSize(1);
    assertThat(refusal.get("subscription_id")).isEqualTo("big");
    assertThat(refusal.get("indices")).isEqualTo(List.of(1));
    assertThat(recorded).containsExactly(Map.entry("big", FlowCounts.rejected(1)));
  }

  private static UniversalEvent payment(long amount) {
    return EVENT_JSON.parseEvent(
        ("{\"event_type\": \"payment.done\", \"data\": {\"amount\": " + amount + "}}")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldForgetADeletedSubscription() throws Exception {
    subscription("r", "**", Backpressure.REJECT, 1, 0);
    sizes.put("r", 100L);
    flow.refresh();
    subscriptions.clear();
    flow.refresh();

    flow.admit(List.of("a.b"));

    assertThat(recorded).isEmpty();
  }

  private static List<Object> details(ApiException e) {
    return new java.util.ArrayList<Object>(e.body().details());
  }
}
