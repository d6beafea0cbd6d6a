package io.fluxgate.processor;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.fluxgate.processor.query.AdvertisedServer;
import io.fluxgate.processor.topology.TopologyManager;

/**
 * The stream processor service: runs the fan-out router and the deployed topologies against any
 * Kafka cluster. {@code java -jar stream-processor.jar server config.yml}.
 */
public class StreamProcessorApplication extends Application<StreamProcessorConfiguration> {

  private FanOutService fanOut;
  private TopologyManager topologies;
  private ProcessorQueries queries;

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
    fanOut = config.getFanOut().build(config.getKafka(), config.buildTopicCatalog(), environment);
    AdvertisedServer self = new AdvertisedServer(config.getAdvertisedServer());
    topologies =
        config
            .getTopologies()
            .build(
                config.getKafka(),
                config.buildTopicCatalog(),
                config.getFanOut().getStateDir(),
                self,
                environment);
    queries =
        ProcessorQueries.register(
            environment,
            config.getKafka(),
            config.getFanOut().getStateDir(),
            config.getTimelines(),
            self,
            topologies);
  }

  /** The deployed topologies running here, once {@link #run} has been called. */
  public TopologyManager topologies() {
    return topologies;
  }

  /** Timelines and topology queries, once {@link #run} has been called. */
  public ProcessorQueries queries() {
    return queries;
  }

  /** The running fan-out, once {@link #run} has been called. */
  public FanOutService fanOut() {
    return fanOut;
  }
}
