package io.fluxgate.gateway.core;

import io.fluxgate.core.flow.AdminQueueSizeReader;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SubscriptionStats;
import io.fluxgate.gateway.api.SubscriptionStats.PartitionStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Reads a subscription's stats from Kafka's own bookkeeping, so that every gateway instance answers
 * the same: the subscription topic's offsets (what the fan-out wrote) and the committed offsets of
 * the subscription's consumer group (what delivery consumed).
 *
 * <pre>{@code
 * SubscriptionStatsReader stats = new SubscriptionStatsReader(admin, flowControlCounters);
 * SubscriptionStats s = stats.read(subscription); // queue_size = total_received - delivered
 * }</pre>
 *
 * <p>Per partition, delivery continues from the committed offset, or from the log start where
 * nothing was committed ({@link SubscriptionReader} seeks to the beginning): that position is what
 * delivery consumed, and the queue is everything from there to the end. End offsets are read
 * committed, as delivery reads. An answer is kept for a short while on this instance only, so a
 * dashboard polling many times a second costs Kafka one read per interval.
 */
public final class SubscriptionStatsReader {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CACHE_FOR = Duration.ofMillis(250);

  private final Admin admin;
  private final FlowControlCounters counters;
  private final Duration timeout;
  private final Duration cacheFor;
  private final LongSupplier nanoTime;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public SubscriptionStatsReader(Admin admin, FlowControlCounters counters) {
    this(admin, counters, DEFAULT_TIMEOUT, DEFAULT_CACHE_FOR, System::nanoTime);
  }

  public SubscriptionStatsReader(
      Admin admin,
      FlowControlCounters counters,
      Duration timeout,
      Duration cacheFor,
      LongSupplier nanoTime) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.cacheFor = Objects.requireNonNull(cacheFor, "cacheFor");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * The stats of {@code subscription}; {@code paused} is its current flag, never a cached one.
   *
   * @throws UnavailableException when Kafka does not answer within the timeout
   */
  public SubscriptionStats read(Subscription subscription) {
    long now = nanoTime.getAsLong();
    Cached cached = cache.get(subscription.id());
    if (cached != null && now - cached.readAtNanos() < cacheFor.toNanos()) {
      return cached.stats().withPaused(subscription.paused());
    }
    SubscriptionStats stats = readFromKafka(subscription);
    cache.values().removeIf(c -> now - c.readAtNanos() >= cacheFor.toNanos());
    cache.put(subscription.id(), new Cached(stats, now));
    return stats;
  }

  private SubscriptionStats readFromKafka(Subscription subscription) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int timeoutMs = (int) timeout.toMillis();
    String topic = subscription.topic();
    KafkaFuture<TopicDescription> described =
        admin
            .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .topicNameValues()
            .get(topic);
    KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> committedFuture =
        admin
            .listConsumerGroupOffsets(
                subscription.consumerGroup(),
                new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
            .partitionsToOffsetAndMetadata();

    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (TopicPartitionInfo info : await(described, deadline).partitions()) {
      TopicPartition partition = new TopicPartition(topic, info.partition());
      latest.put(partition, OffsetSpec.latest());
      earliest.put(partition, OffsetSpec.earliest());
    }
    ListOffsetsOptions options =
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs);
    ListOffsetsResult ends = admin.listOffsets(latest, options);
    ListOffsetsResult starts = admin.listOffsets(earliest, options);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = await(ends.all(), deadline);
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start =
        await(starts.all(), deadline);
    Map<TopicPartition, OffsetAndMetadata> committed = await(committedFuture, deadline);

    List<PartitionStats> partitions = new ArrayList<>();
    for (TopicPartition partition : latest.keySet()) {
      OffsetAndMetadata offset = committed.get(partition);
      partitions.add(
          partition(
              partition.partition(),
              start.get(partition).offset(),
              end.get(partition).offset(),
              offset == null ? null : offset.offset()));
    }
    partitions.sort(Comparator.comparingInt(PartitionStats::partition));
    return combine(partitions, counters.read(subscription.id()), subscription.paused());
  }

  /**
   * One partition: delivery continues from the committed offset, or from the log start when nothing
   * was committed; the queue is what lies between there and the end.
   */
  static PartitionStats partition(int partition, long logStart, long end, Long committed) {
    return new PartitionStats(
        partition,
        logStart,
        end,
        committed,
        AdminQueueSizeReader.queueSize(logStart, end, committed));
  }

  /** The subscription's totals from its partitions and its policy's counts. */
  static SubscriptionStats combine(
      List<PartitionStats> partitions, FlowCounts counts, boolean paused) {
    long received = 0;
    long consumed = 0;
    long queue = 0;
    for (PartitionStats p : partitions) {
      received += p.endOffset();
      consumed += p.committedOffset() == null ? 0 : Math.min(p.committedOffset(), p.endOffset());
      queue += p.queueSize();
    }
    long delivered = Math.max(0, consumed - counts.droppedFromQueue());
    return new SubscriptionStats(
        received, delivered, counts.dropped(), counts.rejected(), queue, paused, partitions);
  }

  private <T> T await(KafkaFuture<T> future, long deadlineNanos) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new UnavailableException("could not read the subscription's offsets", e.getCause());
    } catch (TimeoutException e) {
      throw new UnavailableException("timed out reading the subscription's offsets", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted reading the subscription's offsets", e);
    }
  }

  private record Cached(SubscriptionStats stats, long readAtNanos) {}

  /** Kafka did not answer in time; the read can be retried. */
  public static final class UnavailableException extends RuntimeException {
    public UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
