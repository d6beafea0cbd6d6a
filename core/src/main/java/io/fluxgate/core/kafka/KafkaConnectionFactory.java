package io.fluxgate.core.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * How a Fluxgate service reaches its Kafka cluster; the {@code kafka} block of a service's
 * configuration.
 *
 * <pre>
 * kafka:
 *   bootstrapServers: broker-1:9092,broker-2:9092
 *   replicationFactor: 3
 *   properties:              # passed through to every client (security, tuning)
 *     security.protocol: SASL_SSL
 * </pre>
 */
public final class KafkaConnectionFactory {

  private String bootstrapServers = "localhost:9092";
  private short replicationFactor = -1;
  private Map<String, String> properties = new LinkedHashMap<>();

  @JsonProperty
  public String getBootstrapServers() {
    return bootstrapServers;
  }

  @JsonProperty
  public void setBootstrapServers(String bootstrapServers) {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrapServers must not be empty");
    }
    this.bootstrapServers = bootstrapServers;
  }

  /** Replication factor of the topics Fluxgate creates; -1 uses the broker's default. */
  @JsonProperty
  public short getReplicationFactor() {
    return replicationFactor;
  }

  @JsonProperty
  public void setReplicationFactor(short replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  @JsonProperty
  public Map<String, String> getProperties() {
    return properties;
  }

  @JsonProperty
  public void setProperties(Map<String, String> properties) {
    this.properties = properties == null ? new LinkedHashMap<>() : new LinkedHashMap<>(properties);
  }

  /** Bootstrap servers plus the pass-through properties, as a fresh mutable map. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>(properties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  public Admin buildAdmin(String clientId) {
    Properties props = new Properties();
    props.putAll(clientConfig());
    props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return Admin.create(props);
  }
}
