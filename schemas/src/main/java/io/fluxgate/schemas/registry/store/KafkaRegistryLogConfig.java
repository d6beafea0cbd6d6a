package io.fluxgate.schemas.registry.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;

/**
 * How a {@link KafkaRegistryLog} reaches Kafka and names its topic and lock. The client properties
 * are passed to every client (bootstrap servers, security, tuning); the settings the log's
 * guarantees rest on (transactions, acks, isolation, no consumer group) always win over them.
 *
 * <pre>{@code
 * KafkaRegistryLogConfig config =
 *     KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", "broker-1:9092"))
 *         .withReplicationFactor((short) 3)
 *         .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(30));
 * }</pre>
 *
 * @param clientProperties base properties of every client; must name {@code bootstrap.servers}
 * @param topic the single-partition compacted topic holding the log
 * @param transactionalId the transactional id shared by every registry instance on this topic: it
 *     is the cluster-wide write lock, so instances of one registry must use the same one
 * @param replicationFactor replication of the topic when the log creates it, capped at the number
 *     of brokers; -1 takes the broker's default
 * @param startTimeout how long {@link KafkaRegistryLog#start} may take to read the whole log
 * @param appendTimeout how long one {@link KafkaRegistryLog#append} may take, retries included
 */
public record KafkaRegistryLogConfig(
    Map<String, Object> clientProperties,
    String topic,
    String transactionalId,
    short replicationFactor,
    Duration startTimeout,
    Duration appendTimeout) {

  public static final short DEFAULT_REPLICATION_FACTOR = 3;
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_APPEND_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Upper bound of one transaction on the broker: one left open by a crashed instance is aborted
   * after this, if no other instance has fenced it sooner.
   */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(60);

  public KafkaRegistryLogConfig {
    Objects.requireNonNull(clientProperties, "clientProperties");
    clientProperties = Map.copyOf(clientProperties);
    if (!clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("clientProperties must name bootstrap.servers");
    }
    requireText(topic, "topic");
    requireText(transactionalId, "transactionalId");
    if (replicationFactor == 0 || replicationFactor < -1) {
      throw new IllegalArgumentException(
          "replicationFactor must be positive or -1 (broker default): " + replicationFactor);
    }
    requirePositive(startTimeout, "startTimeout");
    requirePositive(appendTimeout, "appendTimeout");
  }

  /**
   * The defaults: topic {@value KafkaRegistryLog#TOPIC}, transactional id {@value
   * KafkaRegistryLog#TRANSACTIONAL_ID}.
   */
  public static KafkaRegistryLogConfig of(Map<String, Object> clientProperties) {
    return new KafkaRegistryLogConfig(
        clientProperties,
        KafkaRegistryLog.TOPIC,
        KafkaRegistryLog.TRANSACTIONAL_ID,
        DEFAULT_REPLICATION_FACTOR,
        DEFAULT_START_TIMEOUT,
        DEFAULT_APPEND_TIMEOUT);
  }

  public KafkaRegistryLogConfig withTopic(String topic) {
    return new KafkaRegistryLogConfig(
        clientProperties, topic, transactionalId, replicationFactor, startTimeout, appendTimeout);
  }

  public KafkaRegistryLogConfig withTransactionalId(String transactionalId) {
    return new KafkaRegistryLogConfig(
        clientProperties, topic, transactionalId, replicationFactor, startTimeout, appendTimeout);
  }

  public KafkaRegistryLogConfig withReplicationFactor(short replicationFactor) {
    return new KafkaRegistryLogConfig(
        clientProperties, topic, transactionalId, replicationFactor, startTimeout, appendTimeout);
  }

  public KafkaRegistryLogConfig withTimeouts(Duration startTimeout, Duration appendTimeout) {
    return new KafkaRegistryLogConfig(
        clientProperties, topic, transactionalId, replicationFactor, startTimeout, appendTimeout);
  }

  /** The transactional producer: idempotent, acks=all, blocking no longer than an append. */
  Map<String, Object> producerConfig(String clientId) {
    Map<String, Object> config = base(clientId);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, appendTimeout.toMillis());
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    return config;
  }

  /** The reader: committed records only, positioned by hand, never in a consumer group. */
  Map<String, Object> consumerConfig(String clientId) {
    Map<String, Object> config = base(clientId);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.name().toLowerCase());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return config;
  }

  /** The admin client that provisions the topic and looks up its end. */
  Map<String, Object> adminConfig(String clientId) {
    return base(clientId);
  }

  private Map<String, Object> base(String clientId) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return config;
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
