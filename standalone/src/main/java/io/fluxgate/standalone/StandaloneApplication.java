package io.fluxgate.standalone;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.processor.FanOutService;
import io.fluxgate.processor.ProcessorQueries;
import io.fluxgate.processor.query.AdvertisedServer;
import io.fluxgate.processor.topology.DeferredRunningTopologies;
import io.fluxgate.processor.topology.TopologyManager;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Server;

/**
 * The gateway and the stream processor in one Dropwizard application, sharing one lifecycle: on
 * shutdown the HTTP server stops first, then the processor and the clients, and the embedded broker
 * (if any) last, so that nothing acknowledged is in flight when Kafka goes away.
 */
final class StandaloneApplication extends Application<StandaloneConfiguration> {
  private final byte[] configYaml;
  private final Managed broker;
  private final Consumer<Server> onStarted;
  private volatile FanOutService fanOut;
  private volatile TopologyManager topologies;
  private volatile ProcessorQueries queries;
  private volatile Throwable fatalError;

  /**
   * @param configYaml the configuration, generated from the command-line flags
   * @param broker the embedded broker's lifecycle (already started; stopped last), or a no-op
   * @param onStarted called once the HTTP server is up
   */
  StandaloneApplication(byte[] configYaml, Managed broker, Consumer<Server> onStarted) {
    this.configYaml = configYaml.clone();
    this.broker = broker;
    this.onStarted = onStarted;
  }

  @Override
  public String getName() {
    return "fluxgate";
  }

  @Override
  public void initialize(Bootstrap<StandaloneConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(path -> new java.io.ByteArrayInputStream(configYaml));
  }

  @Override
  public void run(StandaloneConfiguration config, Environment environment) {
    // Managed objects stop in reverse order: registered first, the broker stops last.
    environment.lifecycle().manage(broker);
    // The processor's queries in-process: the gateway reads results and timelines from them, and
    // other instances ask this one on the gateway's port. The topology manager needs the platform
    // topics, which the gateway creates, so the queries meet it once it is built.
    AdvertisedServer self = new AdvertisedServer(null);
    DeferredRunningTopologies running = new DeferredRunningTopologies();
    queries =
        ProcessorQueries.register(
            environment,
            config.getKafka(),
            config.getFanOut().getStateDir(),
            config.getTimelines(),
            self,
            running);
    new GatewayApplication(queries.service()).run(config, environment);
    fanOut = config.getFanOut().build(config.getKafka(), config.buildTopicCatalog(), environment);
    topologies =
        config
            .getTopologies()
            .build(
                config.getKafka(),
                config.buildTopicCatalog(),
                config.getFanOut().getStateDir(),
                self,
                environment);
    running.set(topologies);
    environment.lifecycle().addServerLifecycleListener(onStarted::accept);
  }

  FanOutService fanOut() {
    return fanOut;
  }

  TopologyManager topologies() {
    return topologies;
  }

  ProcessorQueries queries() {
    return queries;
  }

  Throwable fatalError() {
    return fatalError;
  }

  /** Dropwizard would call System.exit; the caller decides instead. */
  @Override
  protected void onFatalError(Throwable t) {
    fatalError = t;
  }
}
