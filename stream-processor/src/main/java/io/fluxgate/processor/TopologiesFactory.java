package io.fluxgate.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.AutoCloseableManager;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.processor.query.AdvertisedServer;
import io.fluxgate.processor.topology.TopologyManager;
import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * The {@code topologies} block of a configuration: how deployed topologies run on this processor.
 * Each is its own Kafka Streams application with {@code application.id} {@code
 * fluxgate-topology-<name>}, its state under {@code <fanOut.stateDir>/topologies} unless {@code
 * stateDir} says otherwise.
 *
 * <pre>
 * topologies:
 *   processingGuarantee: exactly_once_v2   # or at_least_once
 *   streams:
 *     num.stream.threads: "1"
 * </pre>
 */
public class TopologiesFactory {

  private String stateDir;

  @NotNull
  @Pattern(regexp = "at_least_once|exactly_once_v2")
  private String processingGuarantee = "exactly_once_v2";

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

  /** Pass-through Kafka Streams properties of every topology ({@code num.stream.threads}, ...). */
  @JsonProperty
  public Map<String, String> getStreams() {
    return streams;
  }

  @JsonProperty
  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }

  /**
   * Builds the topology manager and hands it to the environment's lifecycle, after its own replica
   * of the schema registry (for decoding inputs and the envelope id of results) and before its
   * Admin client, so that both outlive it. The platform topics must exist (the fan-out creates
   * them).
   *
   * @param fanOutStateDir the fan-out's state directory, under which topologies keep theirs
   * @param self where this instance's queries are reached: every topology advertises it as its
   *     {@code application.server}, and none starts before it is known
   */
  public TopologyManager build(
      KafkaConnectionFactory kafka,
      TopicCatalog catalog,
      String fanOutStateDir,
      AdvertisedServer self,
      Environment environment) {
    Path dir = Path.of(stateDir != null ? stateDir : fanOutStateDir + "/topologies");
    Map<String, String> overrides = new HashMap<>(kafka.getProperties());
    overrides.putAll(streams);
    SchemaRegistryReplica registry =
        new SchemaRegistryReplica(
            new KafkaRegistryLog(
                KafkaRegistryLogConfig.of(kafka.clientConfig())
                    .withReplicationFactor(kafka.getReplicationFactor())));
    Admin admin = kafka.buildAdmin("fluxgate-topologies-admin");
    TopologyManager manager =
        TopologyManager.create(
            kafka.clientConfig(),
            kafka.getBootstrapServers(),
            catalog,
            registry.codec(),
            registry::genericEnvelopeId,
            new EventJson(EventLimits.defaults(), Clock.systemUTC()),
            admin,
            dir,
            processingGuarantee,
            overrides,
            self::get);
    // Started in this order, stopped in reverse: the manager stops before its clients close.
    environment.lifecycle().manage(new AutoCloseableManager(admin));
    environment.lifecycle().manage(registry);
    environment.lifecycle().manage(manager);
    return manager;
  }
}
