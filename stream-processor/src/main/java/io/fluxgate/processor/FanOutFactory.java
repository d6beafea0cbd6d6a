package io.fluxgate.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.fluxgate.core.flow.AdminQueueSizeReader;
import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.processor.health.FanOutHealthCheck;
import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@code fanOut} block of a configuration: where the fan-out keeps its state, its processing
 * guarantee and Kafka Streams pass-through properties.
 *
 * <pre>
 * fanOut:
 *   stateDir: /var/lib/fluxgate/streams
 *   processingGuarantee: exactly_once_v2
 *   streams:
 *     num.stream.threads: "2"
 * </pre>
 */
public class FanOutFactory {
  private static final Duration QUEUE_SIZE_TIMEOUT = Duration.ofSeconds(2);

  @NotEmpty private String stateDir = System.getProperty("java.io.tmpdir") + "/fluxgate-streams";

  @NotNull
  @Pattern(regexp = "at_least_once|exactly_once_v2")
  private String processingGuarantee = "at_least_once";

  @NotNull private Map<String, String> streams = Map.of();

  @JsonProperty
  public String getStateDir() {
    return stateDir;
  }

  @JsonProperty
  public void setStateDir(String stateDir) {
    this.stateDir = stateDir;
  }

  @JsonProperty
  public String getProcessingGuarantee() {
    return processingGuarantee;
  }

  @JsonProperty
  public void setProcessingGuarantee(String processingGuarantee) {
    this.processingGuarantee = processingGuarantee;
  }

  /** Pass-through Kafka Streams properties ({@code num.stream.threads}, ...). */
  @JsonProperty
  public Map<String, String> getStreams() {
    return streams;
  }

  @JsonProperty
  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }

  /**
   * Creates the platform topics, then builds the fan-out and hands it to the environment's
   * lifecycle with its health check, after a read-only replica of the schema registry that decodes
   * events for subscription filters.
   */
  public FanOutService build(
      KafkaConnectionFactory kafka, TopicCatalog catalog, Environment environment) {
    try (Admin admin = kafka.buildAdmin("fluxgate-processor-admin")) {
      new TopicProvisioner(admin, kafka.getReplicationFactor()).ensurePlatformTopics(catalog);
    }
    Map<String, String> overrides = new HashMap<>(kafka.getProperties());
    overrides.putAll(streams);
    Properties props =
        FanOutService.streamsConfig(
            kafka.getBootstrapServers(), stateDir, processingGuarantee, overrides);
    SchemaRegistryReplica registry =
        new SchemaRegistryReplica(
            new KafkaRegistryLog(
                KafkaRegistryLogConfig.of(kafka.clientConfig())
                    .withReplicationFactor(kafka.getReplicationFactor())));
    // drop_newest: queue sizes read in the background, drops counted under this process's own key.
    Admin queueAdmin = kafka.buildAdmin("fluxgate-processor-queue-sizes");
    FlowCounterWriter dropped =
        FlowCounterWriter.create(kafka.clientConfig(), "fluxgate-processor");
    FanOutService fanOut =
        new FanOutService(
            props,
            catalog,
            registry.codec(),
            new AdminQueueSizeReader(queueAdmin, QUEUE_SIZE_TIMEOUT),
            dropped::record);
    // Started in this order and stopped in reverse: the registry is read before the first event,
    // and the counts and the Admin client are closed after the fan-out stopped dropping.
    environment.lifecycle().manage(new AutoCloseableManager(queueAdmin));
    environment.lifecycle().manage(new AutoCloseableManager(dropped));
    environment.lifecycle().manage(registry);
    environment.lifecycle().manage(fanOut);
    environment.healthChecks().register("fan-out", new FanOutHealthCheck(fanOut));
    return fanOut;
  }
}
