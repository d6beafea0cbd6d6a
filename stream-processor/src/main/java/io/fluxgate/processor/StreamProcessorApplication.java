package io.fluxgate.processor;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.processor.health.FanOutHealthCheck;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/**
 * The stream processor service: runs the fan-out router (and, later, deployed topologies) against
 * any Kafka cluster. {@code java -jar stream-processor.jar server config.yml}.
 */
public class StreamProcessorApplication extends Application<StreamProcessorConfiguration> {

  private FanOutService fanOut;

  public static void main(String[] args) throws Exception {
    new StreamProcessorApplication().run(args);
  }

  @Override
  public String getName() {
    return "fluxgate-stream-processor";
  }

  @Override
  public void initialize(Bootstrap<StreamProcessorConfiguration> bootstrap) {
    // ${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092} and friends in config.yml
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
  }

  @Override
  public void run(StreamProcessorConfiguration config, Environment environment) {
    fanOut =
        manageFanOut(
            config.getKafka(),
            config.buildTopicCatalog(),
            config.getStateDir(),
            config.getProcessingGuarantee(),
            config.getStreams(),
            environment);
  }

  /**
   * Creates the platform topics, then builds the fan-out and hands it to the environment's
   * lifecycle with its health check. Shared with the standalone platform.
   */
  public static FanOutService manageFanOut(
      KafkaConnectionFactory kafka,
      TopicCatalog catalog,
      String stateDir,
      String processingGuarantee,
      Map<String, String> streams,
      Environment environment) {
    try (Admin admin = kafka.buildAdmin("fluxgate-processor-admin")) {
      new TopicProvisioner(admin, kafka.getReplicationFactor()).ensurePlatformTopics(catalog);
    }
    Map<String, String> overrides = new HashMap<>(kafka.getProperties());
    overrides.putAll(streams);
    Properties props =
        FanOutService.streamsConfig(
            kafka.getBootstrapServers(), stateDir, processingGuarantee, overrides);
    FanOutService fanOut = new FanOutService(props, catalog);
    environment.lifecycle().manage(fanOut);
    environment.healthChecks().register("fan-out", new FanOutHealthCheck(fanOut));
    return fanOut;
  }

  /** The running fan-out, once {@link #run} has been called. */
  public FanOutService fanOut() {
    return fanOut;
  }
}
