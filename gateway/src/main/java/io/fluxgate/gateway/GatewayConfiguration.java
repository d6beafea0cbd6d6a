package io.fluxgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicRuleConfig;
import io.fluxgate.gateway.core.query.EventQueryFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Configuration of the gateway service ({@code gateway server config.yml}). */
public class GatewayConfiguration extends Configuration {

  @Valid @NotNull private KafkaConnectionFactory kafka = new KafkaConnectionFactory();

  @NotNull private List<TopicRuleConfig> topics = new ArrayList<>();

  /** Pass-through properties of the publishing producer (batching, compression, ...). */
  @NotNull private Map<String, String> producer = Map.of();

  /**
   * Partitions of each new subscription topic ({@code fluxgate.sub.<id>}). One (Kafka's own
   * default) keeps a subscription in one order and gives the fan-out's copies a third of the
   * batches that three would: the fan-out drained about a sixth faster (docs/PERFORMANCE.md). A
   * subscription read by a Kafka consumer group of N members needs N; this setting applies to
   * subscriptions created after it changes.
   */
  @Min(1)
  @Max(1000)
  private int subscriptionPartitions = 1;

  @NotNull private Duration subscriptionTopicDeletionDelay = Duration.seconds(5);

  /**
   * Prefix of the transactional ids used for atomic batches, unique per live instance and stable
   * across its restarts, so that a restarted instance fences its predecessor and aborts its open
   * transactions. Defaults to {@code fluxgate-gateway-<host>-<port>}; set it (e.g. to the pod name)
   * where several instances share a host name and port.
   */
  private String transactionalIdPrefix;

  @Min(1)
  @Max(64)
  private int atomicBatchConcurrency = 4;

  @Valid @NotNull private EventQueryFactory query = new EventQueryFactory();

  @Valid @NotNull
  private io.fluxgate.gateway.core.replay.ReplayFactory replay =
      new io.fluxgate.gateway.core.replay.ReplayFactory();

  @Valid @NotNull private SseConfiguration sse = new SseConfiguration();

  @Valid @NotNull private TopologiesConfiguration processorQueries = new TopologiesConfiguration();

  @JsonProperty
  public KafkaConnectionFactory getKafka() {
    return kafka;
  }

  @JsonProperty
  public void setKafka(KafkaConnectionFactory kafka) {
    this.kafka = kafka;
  }

  @JsonProperty
  public List<TopicRuleConfig> getTopics() {
    return topics;
  }

  @JsonProperty
  public void setTopics(List<TopicRuleConfig> topics) {
    this.topics = topics;
  }

  @JsonProperty
  public Map<String, String> getProducer() {
    return producer;
  }

  @JsonProperty
  public void setProducer(Map<String, String> producer) {
    this.producer = producer;
  }

  @JsonProperty
  public int getSubscriptionPartitions() {
    return subscriptionPartitions;
  }

  @JsonProperty
  public void setSubscriptionPartitions(int subscriptionPartitions) {
    this.subscriptionPartitions = subscriptionPartitions;
  }

  @JsonProperty
  public Duration getSubscriptionTopicDeletionDelay() {
    return subscriptionTopicDeletionDelay;
  }

  @JsonProperty
  public void setSubscriptionTopicDeletionDelay(Duration subscriptionTopicDeletionDelay) {
    this.subscriptionTopicDeletionDelay = subscriptionTopicDeletionDelay;
  }

  @JsonProperty
  public String getTransactionalIdPrefix() {
    return transactionalIdPrefix;
  }

  @JsonProperty
  public void setTransactionalIdPrefix(String transactionalIdPrefix) {
    this.transactionalIdPrefix = transactionalIdPrefix;
  }

  @JsonProperty
  public int getAtomicBatchConcurrency() {
    return atomicBatchConcurrency;
  }

  @JsonProperty
  public void setAtomicBatchConcurrency(int atomicBatchConcurrency) {
    this.atomicBatchConcurrency = atomicBatchConcurrency;
  }

  @JsonProperty
  public EventQueryFactory getQuery() {
    return query;
  }

  @JsonProperty
  public void setQuery(EventQueryFactory query) {
    this.query = query;
  }

  @JsonProperty
  public io.fluxgate.gateway.core.replay.ReplayFactory getReplay() {
    return replay;
  }

  @JsonProperty
  public void setReplay(io.fluxgate.gateway.core.replay.ReplayFactory replay) {
    this.replay = replay;
  }

  @JsonProperty
  public SseConfiguration getSse() {
    return sse;
  }

  @JsonProperty
  public void setSse(SseConfiguration sse) {
    this.sse = sse;
  }

  @JsonProperty
  public TopologiesConfiguration getProcessorQueries() {
    return processorQueries;
  }

  @JsonProperty
  public void setProcessorQueries(TopologiesConfiguration processorQueries) {
    this.processorQueries = processorQueries;
  }

  /**
   * The configured prefix; by default {@code fluxgate-gateway-<host>-<port>}, stable across
   * restarts of an instance on a fixed port, or a fresh one per process when the port is chosen at
   * random (tests), since two live instances must never share transactional ids.
   */
  public String buildTransactionalIdPrefix() {
    if (transactionalIdPrefix != null && !transactionalIdPrefix.isBlank()) {
      return transactionalIdPrefix;
    }
    int port = applicationPort();
    if (port <= 0) {
      return "fluxgate-gateway-" + java.util.UUID.randomUUID();
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return "fluxgate-gateway-" + host + "-" + port;
  }

  private int applicationPort() {
    if (getServerFactory() instanceof io.dropwizard.core.server.DefaultServerFactory server) {
      return server.getApplicationConnectors().stream()
          .filter(c -> c instanceof io.dropwizard.jetty.HttpConnectorFactory)
          .mapToInt(c -> ((io.dropwizard.jetty.HttpConnectorFactory) c).getPort())
          .findFirst()
          .orElse(0);
    }
    return 0;
  }

  public TopicCatalog buildTopicCatalog() {
    return TopicCatalog.of(topics.stream().map(TopicRuleConfig::toRule).toList());
  }

  public EventLimits buildEventLimits() {
    return EventLimits.defaults();
  }
}
