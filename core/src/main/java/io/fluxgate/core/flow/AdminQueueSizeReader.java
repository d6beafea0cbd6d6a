package io.fluxgate.core.flow;

import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Queue sizes from Kafka's bookkeeping, in four Admin requests however many subscriptions: the
 * subscription topics' partitions, their committed end and start offsets, and the committed offsets
 * of their consumer groups. Per partition the same as the gateway's stats: from the committed
 * offset (or the log start) to the end ({@link #queueSize}). Shared by the gateway's publish-side
 * checks ({@code block}, {@code reject}) and the fan-out's {@code drop_newest}.
 */
public final class AdminQueueSizeReader implements QueueSizeReader {
  private final Admin admin;
  private final Duration timeout;

  public AdminQueueSizeReader(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Map<String, Long> read(Collection<Subscription> subscriptions) throws RuntimeException {
    if (subscriptions.isEmpty()) {
      return Map.of();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    int timeoutMs = (int) timeout.toMillis();
    Map<String, Subscription> byTopic = new HashMap<>();
    subscriptions.forEach(s -> byTopic.put(s.topic(), s));
    Map<String, KafkaFuture<TopicDescription>> described =
        admin
            .describeTopics(byTopic.keySet(), new DescribeTopicsOptions().timeoutMs(timeoutMs))
            .topicNameValues();
    Map<String, ListConsumerGroupOffsetsSpec> groups = new HashMap<>();
    subscriptions.forEach(s -> groups.put(s.consumerGroup(), new ListConsumerGroupOffsetsSpec()));
    ListConsumerGroupOffsetsResult committed =
        admin.listConsumerGroupOffsets(
            groups, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs));

    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> e : described.entrySet()) {
      TopicDescription description = awaitOrNull(e.getValue(), deadline);
      if (description == null) {
        continue; // not created yet, or already deleted: counts as empty
      }
      for (TopicPartitionInfo info : description.partitions()) {
        TopicPartition partition = new TopicPartition(e.getKey(), info.partition());
        latest.put(partition, OffsetSpec.latest());
        earliest.put(partition, OffsetSpec.earliest());
      }
    }
    if (latest.isEmpty()) {
      return Map.of();
    }
    ListOffsetsOptions options =
        new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs);
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> ends =
        admin.listOffsets(latest, options).all();
    KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> starts =
        admin.listOffsets(earliest, options).all();
    Map<TopicPartition, ListOffsetsResultInfo> end = await(ends, deadline);
    Map<TopicPartition, ListOffsetsResultInfo> start = await(starts, deadline);

    Map<String, Long> sizes = new HashMap<>();
    Map<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets = new HashMap<>();
    for (TopicPartition partition : latest.keySet()) {
      Subscription subscription = byTopic.get(partition.topic());
      Map<TopicPartition, OffsetAndMetadata> offsets =
          groupOffsets.computeIfAbsent(
              subscription.consumerGroup(),
              group -> {
                Map<TopicPartition, OffsetAndMetadata> read =
                    awaitOrNull(committed.partitionsToOffsetAndMetadata(group), deadline);
                return read == null ? Map.of() : read;
              });
      OffsetAndMetadata offset = offsets.get(partition);
      long queue =
          queueSize(
              start.get(partition).offset(),
              end.get(partition).offset(),
              offset == null ? null : offset.offset());
      sizes.merge(subscription.id(), queue, Long::sum);
    }
    return sizes;
  }

  /**
   * One partition's queue: delivery continues from the committed offset, or from the log start when
   * nothing was committed (or retention deleted past it), up to the end.
   */
  public static long queueSize(long logStart, long end, Long committed) {
    long position = Math.max(committed == null ? logStart : committed, logStart);
    return Math.max(0, end - position);
  }

  private static <T> T awaitOrNull(KafkaFuture<T> future, long deadlineNanos) {
    try {
      return await(future, deadlineNanos);
    } catch (IllegalStateException e) {
      return null;
    }
  }

  private static <T> T await(KafkaFuture<T> future, long deadlineNanos) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read queue sizes: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading queue sizes", e);
    }
  }
}
