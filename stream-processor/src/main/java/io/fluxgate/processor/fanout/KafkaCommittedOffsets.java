package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@link CommittedOffsets} read with an admin client from the group named by {@code
 * application.id}, which is where Kafka Streams commits the input offsets of its tasks. The admin
 * client joins no group and commits nothing. Offsets are read with {@code requireStable}: while a
 * transaction that commits offsets is open, the broker answers only once it is resolved, which is
 * also what the task's read-committed main consumer waits for before it resumes.
 */
final class KafkaCommittedOffsets implements CommittedOffsets {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String groupId;
  private final Admin admin;

  KafkaCommittedOffsets(Map<String, Object> appConfigs, String clientId) {
    this.groupId = String.valueOf(appConfigs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    this.admin = Admin.create(adminConfig(appConfigs, clientId));
  }

  /** Kafka Streams' own admin settings: connection, security and {@code admin.} overrides. */
  static Map<String, Object> adminConfig(Map<String, Object> appConfigs, String clientId) {
    return new StreamsConfig(appConfigs).getAdminConfigs(clientId);
  }

  @Override
  public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
    ListConsumerGroupOffsetsOptions options =
        new ListConsumerGroupOffsetsOptions()
            .requireStable(true)
            .timeoutMs((int) TIMEOUT.toMillis());
    Map<TopicPartition, OffsetAndMetadata> offsets;
    try {
      offsets =
          admin
              .listConsumerGroupOffsets(
                  Map.of(groupId, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
                  options)
              .partitionsToOffsetAndMetadata(groupId)
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    } catch (ExecutionException e) {
      throw new KafkaException("cannot read the committed offsets of " + groupId, e.getCause());
    } catch (TimeoutException e) {
      throw new KafkaException("timed out reading the committed offsets of " + groupId, e);
    }
    Map<TopicPartition, Long> committed = new HashMap<>();
    // A partition without a committed offset maps to null.
    offsets.forEach(
        (partition, offset) -> {
          if (offset != null && partitions.contains(partition)) {
            committed.put(partition, offset.offset());
          }
        });
    return committed;
  }

  @Override
  public void close() {
    admin.close(CLOSE_TIMEOUT);
  }
}
