package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.NOW;
import static io.fluxgate.gateway.resources.TestGateway.assertError;
import static io.fluxgate.gateway.resources.TestGateway.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.FlowControlCounters;
import io.fluxgate.gateway.core.SubscriptionStatsReader;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /v1/subscriptions/{id}/stats}: the counts follow from the subscription topic's offsets
 * and the group's committed offsets; a Kafka that fails or does not answer is a 503.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SubscriptionStatsResourceTest {
  private static final String TOPIC = "fluxgate.sub.sub-1";
  private static final String GROUP = "fluxgate.sub.sub-1";
  private static final Duration CACHE_FOR = Duration.ofMillis(250);

  private static final InMemorySubscriptionRepository REPOSITORY =
      new InMemorySubscriptionRepository();
  private static final OffsetsAdmin KAFKA = new OffsetsAdmin();
  private static final AtomicReference<FlowCounts> COUNTS = new AtomicReference<>();
  private static final AtomicLong NANOS = new AtomicLong();
  private static final ScheduledExecutorService SCHEDULER =
      Executors.newSingleThreadScheduledExecutor();
  private static final ResourceExtension RESOURCES =
      TestGateway.resources()
          .addResource(
              new SubscriptionStatsResource(
                  TestGateway.subscriptionService(
                      REPOSITORY, new UnreachableKafka().admin(), SCHEDULER),
                  new SubscriptionStatsReader(
                      KAFKA.admin(),
                      id -> COUNTS.get(),
                      Duration.ofMillis(200),
                      CACHE_FOR,
                      NANOS::get)))
          .build();

  private static final Subscription SUBSCRIPTION =
      new Subscription("sub-1", "s", List.of("a.*"), StartPosition.EARLIEST, Map.of(), NOW);

  @BeforeEach
  void reset() {
    REPOSITORY.clear();
    REPOSITORY.put(SUBSCRIPTION);
    KAFKA.reset();
    COUNTS.set(FlowCounts.ZERO);
    // Each test starts past the cache of the one before.
    NANOS.addAndGet(Duration.ofHours(1).toNanos());
  }

  @AfterAll
  static void stopScheduler() {
    SCHEDULER.shutdownNow();
  }

  private static Response stats(String id) {
    return RESOURCES.target("/v1/subscriptions/" + id + "/stats").request().get();
  }

  private static JsonNode okStats() {
    Response response = stats("sub-1");
    assertThat(response.getStatus()).isEqualTo(200);
    return body(response);
  }

  @Test
  void shouldCountReceivedFromEndOffsetsAndDeliveredFromCommittedOffsets() {
    KAFKA.partition(TOPIC, 0, 0, 5).partition(TOPIC, 1, 0, 2).partition(TOPIC, 2, 0, 0);
    KAFKA.committed(GROUP, TOPIC, 0, 3);

    JsonNode stats = okStats();

    assertThat(stats.get("total_received").asLong()).isEqualTo(7);
    assertThat(stats.get("delivered").asLong()).isEqualTo(3);
    assertThat(stats.get("queue_size").asLong()).isEqualTo(4);
    assertThat(stats.get("dropped").asLong()).isZero();
    assertThat(stats.get("rejected").asLong()).isZero();
    assertThat(stats.get("paused").asBoolean()).isFalse();
    assertThat(stats.get("partitions"))
        .extracting(
            p -> p.get("partition").asInt(),
            p -> p.get("end_offset").asLong(),
            p -> p.get("committed_offset").isNull() ? null : p.get("committed_offset").asLong(),
            p -> p.get("queue_size").asLong())
        .containsExactly(tuple(0, 5L, 3L, 2L), tuple(1, 2L, null, 2L), tuple(2, 0L, null, 0L));
  }

  @Test
  void shouldAnswerZerosForAFreshSubscription() {
    KAFKA.partition(TOPIC, 0, 0, 0).partition(TOPIC, 1, 0, 0);

    JsonNode stats = okStats();

    assertThat(stats.get("total_received").asLong()).isZero();
    assertThat(stats.get("delivered").asLong()).isZero();
    assertThat(stats.get("queue_size").asLong()).isZero();
  }

  @Test
  void shouldNotQueueWhatRetentionRemovedBeforeDelivery() {
    // Offsets 0..9 written; retention removed 0..5; delivery committed 2 (partition 0) and nothing
    // (partition 1, whose delivery starts at the log start).
    KAFKA.partition(TOPIC, 0, 6, 10).partition(TOPIC, 1, 4, 4);
    KAFKA.committed(GROUP, TOPIC, 0, 2);

    JsonNode stats = okStats();

    assertThat(stats.get("total_received").asLong()).isEqualTo(14);
    assertThat(stats.get("delivered").asLong()).isEqualTo(2);
    assertThat(stats.get("queue_size").asLong()).isEqualTo(4);
    assertThat(stats.get("partitions").get(0).get("log_start_offset").asLong()).isEqualTo(6);
  }

  @Test
  void shouldTakeDropsAndRejectionsFromTheFlowControlCounters() {
    KAFKA.partition(TOPIC, 0, 0, 10);
    KAFKA.committed(GROUP, TOPIC, 0, 8);
    COUNTS.set(new FlowCounts(2, 3, 4));

    JsonNode stats = okStats();

    assertThat(stats.get("dropped").asLong()).isEqualTo(5);
    assertThat(stats.get("rejected").asLong()).isEqualTo(4);
    // Committed offsets moved past the 3 skipped events: they were not delivered.
    assertThat(stats.get("delivered").asLong()).isEqualTo(5);
    assertThat(stats.get("queue_size").asLong()).isEqualTo(2);
  }

  @Test
  void shouldShowThePausedFlag() {
    KAFKA.partition(TOPIC, 0, 0, 1);
    REPOSITORY.put(SUBSCRIPTION.withPaused(true));

    assertThat(okStats().get("paused").asBoolean()).isTrue();
  }

  @Test
  void shouldReadKafkaOncePerCacheIntervalButShowTheCurrentPausedFlag() {
    KAFKA.partition(TOPIC, 0, 0, 1);
    okStats();
    KAFKA.partition(TOPIC, 0, 0, 9);
    REPOSITORY.put(SUBSCRIPTION.withPaused(true));

    JsonNode cached = okStats();
    NANOS.addAndGet(CACHE_FOR.toNanos());
    JsonNode fresh = okStats();

    assertThat(cached.get("total_received").asLong()).isEqualTo(1);
    assertThat(cached.get("paused").asBoolean()).isTrue();
    assertThat(fresh.get("total_received").asLong()).isEqualTo(9);
    assertThat(KAFKA.calls()).filteredOn("describeTopics"::equals).hasSize(2);
  }

  @Test
  void shouldAnswer404ForAnUnknownSubscriptionWithoutAskingKafka() {
    JsonNode body = assertError(stats("nope"), 404, "not_found");

    assertThat(body.get("message").asText()).contains("nope");
    assertThat(KAFKA.calls()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"describeTopics", "listOffsets", "listConsumerGroupOffsets"})
  void shouldAnswer503WithRetryAfterWhenAKafkaReadFails(String method) {
    KAFKA.partition(TOPIC, 0, 0, 1);
    KAFKA.fail(method, new TimeoutException("broker down"));

    Response response = stats("sub-1");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"describeTopics", "listOffsets", "listConsumerGroupOffsets"})
  void shouldAnswer503WhenKafkaDoesNotAnswerInTime(String method) {
    KAFKA.partition(TOPIC, 0, 0, 1);
    KAFKA.fail(method, null);

    Response response = stats("sub-1");

    assertError(response, 503, "unavailable");
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
  }

  @Test
  void shouldAnswer503WhileTheSubscriptionTopicIsMissing() {
    KAFKA.partition(TOPIC, 0, 0, 1);
    KAFKA.fail("describeTopics", new UnknownTopicOrPartitionException(TOPIC));

    assertError(stats("sub-1"), 503, "unavailable");
  }

  @Test
  void shouldAnswer503WhenTheCountersCannotBeRead() {
    KAFKA.partition(TOPIC, 0, 0, 1);
    FlowControlCounters failing =
        id -> {
          throw new SubscriptionStatsReader.UnavailableException("counters unreadable", null);
        };
    SubscriptionStatsReader reader =
        new SubscriptionStatsReader(
            KAFKA.admin(), failing, Duration.ofSeconds(1), CACHE_FOR, NANOS::get);

    assertThatThrownBy(() -> reader.read(SUBSCRIPTION))
        .isInstanceOf(SubscriptionStatsReader.UnavailableException.class);
  }
}
