package io.fluxgate.processor.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Kafka side of a topology's lifecycle, by its application id (= its consumer group): where it
 * starts, how far behind it is, and removing its group and internal topics ({@code <application
 * id>-...}).
 */
final class TopologyAdmin {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;

  TopologyAdmin(Admin admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /**
   * Commits {@code startOffsets} (keyed {@code <topic>-<partition>}) for the group, unless it has
   * committed offsets already (it ran before: it goes on from there). A group with members is left
   * alone: they started it.
   */
  void pinStartOffsets(String applicationId, Map<String, Long> startOffsets) {
    if (startOffsets.isEmpty() || !committed(applicationId).isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    startOffsets.forEach(
        (key, offset) -> offsets.put(partitionOf(key), new OffsetAndMetadata(offset)));
    try {
      get(admin.alterConsumerGroupOffsets(applicationId, offsets).all());
    } catch (KafkaOperationException e) {
      if (!isEmptyOrDead(applicationId)) {
        return; // another instance started it meanwhile, from the same offsets
      }
      throw e;
    }
  }

  /** The committed offsets of the group; empty when it has none. */
  Map<TopicPartition, OffsetAndMetadata> committed(String applicationId) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        get(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
    Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
    offsets.forEach(
        (tp, offset) -> {
          if (offset != null) {
            present.put(tp, offset);
          }
        });
    return present;
  }

  /** Sum over the event topic partitions of the end offset minus the group's committed offset. */
  long lag(String applicationId, Set<String> eventTopics) {
    Map<TopicPartition, OffsetAndMetadata> committed = committed(applicationId);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    committed.keySet().stream()
        .filter(tp -> eventTopics.contains(tp.topic()))
        .forEach(tp -> request.put(tp, OffsetSpec.latest()));
    if (request.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(request).all());
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
      lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
    }
    return lag;
  }

  boolean isEmptyOrDead(String applicationId) {
    try {
      GroupState state =
          get(admin
                  .describeConsumerGroups(List.of(applicationId))
                  .describedGroups()
                  .get(applicationId))
              .groupState();
      return state == GroupState.EMPTY || state == GroupState.DEAD || state == GroupState.UNKNOWN;
    } catch (KafkaOperationException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return true;
      }
      throw e;
    }
  }

  /** Deletes the internal topics ({@code <application id>-...}) and the consumer group. */
  void remove(String applicationId) {
    List<String> internal =
        get(admin.listTopics().names()).stream()
            .filter(topic -> topic.startsWith(applicationId + "-"))
            .toList();
    if (!internal.isEmpty()) {
      try {
        get(admin.deleteTopics(internal).all());
      } catch (KafkaOperationException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    try {
      get(admin.deleteConsumerGroups(List.of(applicationId)).all());
    } catch (KafkaOperationException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  static TopicPartition partitionOf(String key) {
    int dash = key.lastIndexOf('-');
    return new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1)));
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaOperationException(e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaOperationException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaOperationException(e);
    }
  }

  /** An Admin call that failed or timed out; the cause is Kafka's. */
  static final class KafkaOperationException extends RuntimeException {
    KafkaOperationException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
