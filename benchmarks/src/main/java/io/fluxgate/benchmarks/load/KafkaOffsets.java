package io.fluxgate.benchmarks.load;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets read with the Kafka admin client, summed over partitions: how far topics have been
 * written (read-committed end offsets) and how far a consumer group has committed. The scenario
 * benchmarks measure the platform by these advances, without touching it.
 */
public final class KafkaOffsets implements AutoCloseable {
  private final Admin admin;

  public KafkaOffsets(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The sum of the read-committed end offsets of every partition of {@code topics}. */
  public long endOffsets(Collection<String> topics)
      throws ExecutionException, InterruptedException {
    if (topics.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TopicPartition partition : partitions(topics)) {
      request.put(partition, OffsetSpec.latest());
    }
    return admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get()
        .values()
        .stream()
        .mapToLong(info -> info.offset())
        .sum();
  }

  /** The sum of {@code group}'s committed offsets on the partitions of {@code topic}. */
  public long committed(String group, String topic)
      throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private List<TopicPartition> partitions(Collection<String> topics)
      throws ExecutionException, InterruptedException {
    Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
    return described.values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .toList();
  }

  @Override
  public void close() {
    admin.close();
  }
}
