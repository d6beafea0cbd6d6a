package io.fluxgate.gateway.core;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads where a new subscription starts on every partition of the event topics, so that the fan-out
 * can deliver exactly the events published after the subscription was acknowledged, even when it
 * learns about the subscription later.
 *
 * <pre>{@code
 * StartOffsets startOffsets = new StartOffsets(admin, catalog.topics());
 * Map<String, Long> offsets = startOffsets.read(StartPosition.LATEST); // {"events-0": 42, ...}
 * }</pre>
 *
 * <p>Offsets are read committed (the last stable offset): an event of a transaction still open is
 * acknowledged to its publisher only after this point, so it belongs to the subscription. A topic
 * that does not exist yet is left out: all of its events will come after the subscription.
 */
public final class StartOffsets {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final List<String> eventTopics;

  public StartOffsets(Admin admin, Collection<String> eventTopics) {
    this.admin = Objects.requireNonNull(admin, "admin");
    this.eventTopics = List.copyOf(eventTopics);
  }

  /**
   * The start offsets of a subscription starting at {@code start}, keyed by {@link
   * Subscription#partitionKey(String, int)}; empty for {@code earliest}, which needs none. For a
   * start time, each partition's first offset with a record timestamp at or after it (its end when
   * there is none).
   */
  public Map<String, Long> read(StartPosition start) {
    if (start == StartPosition.EARLIEST) {
      return Map.of();
    }
    List<TopicPartition> partitions = new ArrayList<>();
    for (TopicDescription topic : existingTopics()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partitions.add(new TopicPartition(topic.name(), partition.partition()));
      }
    }
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, Long> ends = list(partitions, OffsetSpec.latest());
    Map<TopicPartition, Long> starts = new HashMap<>(ends);
    if (start.time().isPresent()) {
      // The first offset whose record timestamp is at or after the time; a partition without one
      // holds only older events, so the subscription starts at its end.
      list(partitions, OffsetSpec.forTimestamp(start.time().get().toEpochMilli()))
          .forEach(
              (tp, offset) -> {
                if (offset >= 0 && offset < ends.get(tp)) {
                  starts.put(tp, offset);
                }
              });
    }
    Map<String, Long> offsets = new HashMap<>();
    starts.forEach(
        (tp, offset) -> offsets.put(Subscription.partitionKey(tp.topic(), tp.partition()), offset));
    return offsets;
  }

  private Map<TopicPartition, Long> list(List<TopicPartition> partitions, OffsetSpec spec) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, ListOffsetsResultInfo> found =
        await(
            admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
    Map<TopicPartition, Long> offsets = new HashMap<>();
    found.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  private List<TopicDescription> existingTopics() {
    Map<String, KafkaFuture<TopicDescription>> described =
        admin.describeTopics(eventTopics).topicNameValues();
    return described.values().stream()
        .map(StartOffsets::describedOrNull)
        .filter(Objects::nonNull)
        .toList();
  }

  private static TopicDescription describedOrNull(KafkaFuture<TopicDescription> future) {
    try {
      return await(future);
    } catch (UnavailableException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new UnavailableException("could not read the event topics' end offsets", e.getCause());
    } catch (TimeoutException e) {
      throw new UnavailableException("timed out reading the event topics' end offsets", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted reading the event topics' end offsets", e);
    }
  }

  /** Kafka did not answer: the subscription cannot be pinned, so it must not be created. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
