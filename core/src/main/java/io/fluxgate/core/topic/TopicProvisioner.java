package io.fluxgate.core.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics the platform writes to, explicitly and idempotently: the catalog's event
 * topics, the compacted state topics and the per-subscription topics. Brokers may have topic
 * auto-creation switched off; Fluxgate never relies on it.
 */
public final class TopicProvisioner {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final long LEADER_RETRY_MS = 20;

  /**
   * Largest record batch the platform's topics accept: one event may be 1 MiB of JSON, and its Avro
   * form plus headers must fit whatever the broker's default is.
   */
  public static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

  /**
   * How long the timelines' feed keeps events: the timelines catch up on what they missed while
   * down for up to this long; their store keeps events for their own retention.
   */
  public static final Duration CORRELATED_RETENTION = Duration.ofHours(24);

  private final Admin admin;
  private final short replicationFactor;

  /**
   * @param admin an Admin client the caller owns
   * @param replicationFactor replication of created topics; -1 takes the broker's default
   */
  public TopicProvisioner(Admin admin, short replicationFactor) {
    this.admin = admin;
    this.replicationFactor = replicationFactor;
  }

  /** Creates every catalog topic and every state topic that does not exist yet. */
  public void ensurePlatformTopics(TopicCatalog catalog) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : catalog.topics()) {
      TopicRule rule = catalog.ruleForTopic(name);
      topics.add(
          newTopic(name, rule.partitions())
              .configs(
                  Map.of(
                      TopicConfig.RETENTION_MS_CONFIG,
                      Long.toString(rule.retention().toMillis()),
                      TopicConfig.COMPRESSION_TYPE_CONFIG,
                      rule.compression(),
                      TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                      Integer.toString(MAX_MESSAGE_BYTES))));
    }
    topics.add(compacted(PlatformTopics.SUBSCRIPTIONS));
    topics.add(compacted(PlatformTopics.FLOW_COUNTERS));
    topics.add(compacted(PlatformTopics.REPLAYS));
    topics.add(compacted(PlatformTopics.TOPOLOGIES));
    topics.add(compacted(PlatformTopics.TOPOLOGY_STATUS));
    topics.add(leaseLog());
    topics.add(correlatedFeed(catalog));
    create(topics);
  }

  /** Creates the output topic of a subscription. */
  public void ensureSubscriptionTopic(String subscriptionId, int partitions) {
    create(
        List.of(
            newTopic(PlatformTopics.subscriptionTopic(subscriptionId), partitions)
                .configs(
                    Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        Integer.toString(MAX_MESSAGE_BYTES)))));
  }

  /** Deletes the output topic of a subscription; a missing topic is not an error. */
  public void deleteSubscriptionTopic(String subscriptionId) {
    try {
      admin
          .deleteTopics(List.of(PlatformTopics.subscriptionTopic(subscriptionId)))
          .all()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause()
          instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
        throw new TopicProvisioningException("could not delete subscription topic", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("interrupted while deleting a topic", e);
    } catch (TimeoutException e) {
      throw new TopicProvisioningException("timed out deleting a topic", e);
    }
  }

  private NewTopic newTopic(String name, int partitions) {
    return new NewTopic(name, java.util.Optional.of(partitions), replication());
  }

  private NewTopic compacted(String name) {
    return newTopic(name, 1)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** The lease log: a few partitions, an hour of retention, the broker's clock on every record. */
  private NewTopic leaseLog() {
    return newTopic(PlatformTopics.ACKS, 3)
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(Duration.ofHours(1).toMillis()),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                "LogAppendTime"));
  }

  /**
   * The timelines' feed ({@link PlatformTopics#CORRELATED}): as many partitions as the largest
   * event topic (the spread the timelines' repartition topic had), a day of retention, room for an
   * event's JSON, which may be larger than its Avro.
   */
  private NewTopic correlatedFeed(TopicCatalog catalog) {
    int partitions = 1;
    for (String name : catalog.topics()) {
      partitions = Math.max(partitions, catalog.ruleForTopic(name).partitions());
    }
    return newTopic(PlatformTopics.CORRELATED, partitions)
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(CORRELATED_RETENTION.toMillis()),
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(MAX_MESSAGE_BYTES * 2)));
  }

  private java.util.Optional<Short> replication() {
    return replicationFactor > 0
        ? java.util.Optional.of(replicationFactor)
        : java.util.Optional.empty();
  }

  private void create(List<NewTopic> topics) {
    var results = admin.createTopics(topics).values();
    List<NewTopic> created = new ArrayList<>();
    for (NewTopic topic : topics) {
      try {
        results.get(topic.name()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        created.add(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new TopicProvisioningException(
              "could not create topic " + topic.name(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicProvisioningException("interrupted while creating topics", e);
      } catch (TimeoutException e) {
        throw new TopicProvisioningException("timed out creating topic " + topic.name(), e);
      }
    }
    awaitLeaders(created);
  }

  /**
   * Returns once every partition of the new topics has a leader that serves requests. The
   * controller acknowledges a creation before the broker leads the partitions: a producer that
   * writes at once is told NOT_LEADER_OR_FOLLOWER, and its in-flight batches can then reach the
   * partition out of order (seen here as OutOfOrderSequenceException on a fresh subscription topic,
   * which stalled the fan-out until its delivery timeout). ListOffsets is refused the same way and
   * the Admin client retries it until the leader answers.
   */
  private void awaitLeaders(List<NewTopic> topics) {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic topic : topics) {
      int count = topic.numPartitions() > 0 ? topic.numPartitions() : 1;
      for (int p = 0; p < count; p++) {
        partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        // The Admin client retries a partition without a leader, but not a topic its metadata
        // does not show yet: ask again until the deadline.
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw new TopicProvisioningException("new topics have no leader", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicProvisioningException("interrupted while waiting for leaders", e);
      } catch (TimeoutException e) {
        throw new TopicProvisioningException("timed out waiting for the leaders of new topics", e);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(LEADER_RETRY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopicProvisioningException("interrupted while waiting for leaders", e);
      }
    }
  }
}
