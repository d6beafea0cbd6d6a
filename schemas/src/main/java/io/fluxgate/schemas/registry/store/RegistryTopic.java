package io.fluxgate.schemas.registry.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The registry log's topic as the admin client sees it: created when missing, refused when it could
 * lose or reorder records (more than one partition, or not purely compacted), and asked for its
 * last stable offset, the end of what has been committed.
 */
final class RegistryTopic implements AutoCloseable {
  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

  private final Admin admin;
  private final String name;
  private final short replicationFactor;
  private final TopicPartition partition;

  RegistryTopic(Admin admin, String name, short replicationFactor) {
    this.admin = admin;
    this.name = name;
    this.replicationFactor = replicationFactor;
    this.partition = new TopicPartition(name, 0);
  }

  TopicPartition partition() {
    return partition;
  }

  /** Creates the topic if it does not exist, then checks that it keeps every key's last record. */
  void ensure(long deadlineNanos) {
    try {
      if (describe(deadlineNanos).isEmpty()) {
        create(deadlineNanos);
      }
      verify(deadlineNanos);
    } catch (KafkaException e) {
      throw failure("could not provision the registry topic " + name, e);
    }
  }

  /** The offset after the last committed record: what a read_committed reader must reach. */
  long lastStableOffset(long deadlineNanos) {
    while (true) {
      try {
        var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        options.timeoutMs(remainingMillis(deadlineNanos));
        return get(
                admin
                    .listOffsets(Map.of(partition, OffsetSpec.latest()), options)
                    .partitionResult(partition),
                deadlineNanos)
            .offset();
      } catch (RetriableException e) {
        // A topic created a moment ago may not have a leader yet.
        if (e instanceof TimeoutException || !pause(deadlineNanos)) {
          throw failure("could not look up the end of the registry topic " + name, e);
        }
      } catch (KafkaException e) {
        throw failure("could not look up the end of the registry topic " + name, e);
      }
    }
  }

  /**
   * The configuration of a created topic: compacted, and with acks=all needing all replicas but one
   * (at most two) in sync, so that one broker may be down and a write still lands on two.
   */
  static Map<String, String> topicConfig(Optional<Short> replication) {
    Map<String, String> config = new HashMap<>();
    config.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    replication.ifPresent(
        r ->
            config.put(
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                Integer.toString(Math.min(2, Math.max(1, r - 1)))));
    return config;
  }

  /** The requested replication capped at the brokers there are; empty for the broker default. */
  static Optional<Short> replication(short requested, int brokers) {
    return requested > 0
        ? Optional.of((short) Math.max(1, Math.min(requested, brokers)))
        : Optional.empty();
  }

  private Optional<TopicDescription> describe(long deadlineNanos) {
    var options = new DescribeTopicsOptions().timeoutMs(remainingMillis(deadlineNanos));
    try {
      return Optional.of(
          get(
              admin.describeTopics(List.of(name), options).topicNameValues().get(name),
              deadlineNanos));
    } catch (UnknownTopicOrPartitionException e) {
      return Optional.empty();
    }
  }

  private void create(long deadlineNanos) {
    int brokers =
        get(
                admin
                    .describeCluster(
                        new DescribeClusterOptions().timeoutMs(remainingMillis(deadlineNanos)))
                    .nodes(),
                deadlineNanos)
            .size();
    Optional<Short> replication = replication(replicationFactor, brokers);
    NewTopic topic =
        new NewTopic(name, Optional.of(1), replication).configs(topicConfig(replication));
    try {
      get(
          admin
              .createTopics(
                  List.of(topic),
                  new CreateTopicsOptions().timeoutMs(remainingMillis(deadlineNanos)))
              .all(),
          deadlineNanos);
    } catch (TopicExistsException e) {
      // Another instance created it first; verify() checks what it made.
    }
  }

  private void verify(long deadlineNanos) {
    Optional<TopicDescription> description = describe(deadlineNanos);
    // Just created: the metadata may take a moment to reach the broker we ask.
    while (description.isEmpty() && pause(deadlineNanos)) {
      description = describe(deadlineNanos);
    }
    int partitions =
        description
            .orElseThrow(() -> new TimeoutException("topic " + name + " did not appear"))
            .partitions()
            .size();
    if (partitions != 1) {
      throw misconfigured(
          "has " + partitions + " partitions; the registry needs exactly 1 to keep one order");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
    Config config =
        get(
            admin
                .describeConfigs(
                    List.of(resource),
                    new DescribeConfigsOptions().timeoutMs(remainingMillis(deadlineNanos)))
                .values()
                .get(resource),
            deadlineNanos);
    ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    String value = policy == null ? "delete" : policy.value();
    if (!TopicConfig.CLEANUP_POLICY_COMPACT.equals(value)) {
      throw misconfigured(
          "has cleanup.policy="
              + value
              + "; the registry needs exactly 'compact', else old schemas would be deleted");
    }
  }

  private RegistryLogException misconfigured(String problem) {
    return new RegistryLogException(
        "the registry topic " + name + " " + problem + " (fix or delete the topic)", false, null);
  }

  @Override
  public void close() {
    admin.close(Duration.ZERO);
  }

  private static RegistryLogException failure(String message, KafkaException e) {
    return new RegistryLogException(
        message + ": " + e.getMessage(), e instanceof TimeoutException, e);
  }

  /** Waits for an admin result, throwing Kafka's own exception for a failed one. */
  private static <T> T get(KafkaFuture<T> future, long deadlineNanos) {
    try {
      // The call carries its own timeout; the extra second only lets it report that itself.
      return future.get(remainingMillis(deadlineNanos) + 1_000L, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof KafkaException kafkaException) {
        throw kafkaException;
      }
      throw new KafkaException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("no answer from Kafka in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryLogException("interrupted while waiting for Kafka", false, e);
    }
  }

  static int remainingMillis(long deadlineNanos) {
    long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
  }

  /** Sleeps a little unless the deadline is near; returns whether there is time for another try. */
  private static boolean pause(long deadlineNanos) {
    if (deadlineNanos - System.nanoTime() <= RETRY_PAUSE.toNanos()) {
      return false;
    }
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryLogException("interrupted while waiting for Kafka", false, e);
    }
  }
}
