package io.fluxgate.processor;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Environment;
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
  public void run(StreamProcessorConfiguration config, Environment environment) {
    TopicCatalog catalog = config.buildTopicCatalog();
    try (Admin admin = config.getKafka().buildAdmin("fluxgate-processor-admin")) {
      new TopicProvisioner(admin, config.getKafka().getReplicationFactor())
          .ensurePlatformTopics(catalog);
    }
    Map<String, String> overrides = new HashMap<>(config.getKafka().getProperties());
    overrides.putAll(config.getStreams());
    Properties props =
        FanOutService.streamsConfig(
            config.getKafka().getBootstrapServers(),
            config.getStateDir(),
            config.getProcessingGuarantee(),
            overrides);
    fanOut = new FanOutService(props, catalog);
    environment.lifecycle().manage(fanOut);
    environment.healthChecks().register("fan-out", new FanOutHealthCheck(fanOut));
  }

  /** The running fan-out, once {@link #run} has been called. */
  public FanOutService fanOut() {
    return fanOut;
  }
}
