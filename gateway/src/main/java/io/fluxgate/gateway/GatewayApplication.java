package io.fluxgate.gateway;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.flow.AdminQueueSizeReader;
import io.fluxgate.core.flow.FlowCounterWriter;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.core.topology.TopologyQueries;
import io.fluxgate.gateway.core.DeliveryService;
import io.fluxgate.gateway.core.EventEncoder;
import io.fluxgate.gateway.core.EventPublisher;
import io.fluxgate.gateway.core.EventRenderer;
import io.fluxgate.gateway.core.EventStreamService;
import io.fluxgate.gateway.core.KafkaFlowControlCounters;
import io.fluxgate.gateway.core.ManualDelivery;
import io.fluxgate.gateway.core.PublishFlowControl;
import io.fluxgate.gateway.core.SchemaRegistryManager;
import io.fluxgate.gateway.core.StartOffsets;
import io.fluxgate.gateway.core.SubscriptionSeeker;
import io.fluxgate.gateway.core.SubscriptionService;
import io.fluxgate.gateway.core.SubscriptionStatsReader;
import io.fluxgate.gateway.core.SubscriptionStore;
import io.fluxgate.gateway.core.TopologyService;
import io.fluxgate.gateway.core.TopologyStatusBoard;
import io.fluxgate.gateway.core.TopologyStore;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.core.replay.ReplayService;
import io.fluxgate.gateway.core.replay.ReplayStore;
import io.fluxgate.gateway.errors.ErrorMapping;
import io.fluxgate.gateway.errors.EventRejectedExceptionMapper;
import io.fluxgate.gateway.errors.InvalidFilterExceptionMapper;
import io.fluxgate.gateway.errors.InvalidPatternExceptionMapper;
import io.fluxgate.gateway.errors.UnexpectedExceptionMapper;
import io.fluxgate.gateway.errors.WebApplicationExceptionMapper;
import io.fluxgate.gateway.health.KafkaHealthCheck;
import io.fluxgate.gateway.health.SchemaRegistryHealthCheck;
import io.fluxgate.gateway.health.SubscriptionStoreHealthCheck;
import io.fluxgate.gateway.registry.RegistryResources;
import io.fluxgate.gateway.resources.CorrelationsResource;
import io.fluxgate.gateway.resources.EventQueryResource;
import io.fluxgate.gateway.resources.EventsResource;
import io.fluxgate.gateway.resources.ReplaysResource;
import io.fluxgate.gateway.resources.SingleEventFastPath;
import io.fluxgate.gateway.resources.SubscriptionAckResource;
import io.fluxgate.gateway.resources.SubscriptionEventsResource;
import io.fluxgate.gateway.resources.SubscriptionReplayResource;
import io.fluxgate.gateway.resources.SubscriptionSeekResource;
import io.fluxgate.gateway.resources.SubscriptionStatsResource;
import io.fluxgate.gateway.resources.SubscriptionStreamResource;
import io.fluxgate.gateway.resources.SubscriptionsResource;
import io.fluxgate.gateway.resources.TopologiesResource;
import io.fluxgate.gateway.resources.TopologyResultsResource;
import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The gateway: publishing, subscriptions and HTTP delivery over any Kafka cluster. {@code java -jar
 * gateway.jar server config.yml}.
 */
public class GatewayApplication extends Application<GatewayConfiguration> {
  /** Server-sent event streams open on this instance, on the admin port's {@code /metrics}. */
  public static final String OPEN_STREAMS_GAUGE = "fluxgate.sse.open-streams";

  /** How many block/reject subscriptions the publish path checks, as of its last refresh. */
  public static final String CHECKED_SUBSCRIPTIONS_GAUGE =
      "fluxgate.flow-control.checked-subscriptions";

  private final TopologyQueries topologyQueries;

  public static void main(String[] args) throws Exception {
    new GatewayApplication().run(args);
  }

  /** A gateway that asks the stream processor at {@code topologies.processorUrl}. */
  public GatewayApplication() {
    this(null);
  }

  /**
   * A gateway that asks {@code topologyQueries} (the in-process processor of a standalone platform)
   * for topology results and correlation timelines, whatever its configuration says.
   */
  public GatewayApplication(TopologyQueries topologyQueries) {
    this.topologyQueries = topologyQueries;
  }

  @Override
  public String getName() {
    return "fluxgate-gateway";
  }

  /** Answers in the contract's JSON: timestamps as RFC 3339 strings, never epoch numbers. */
  public static void configureObjectMapper(ObjectMapper mapper) {
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * The exception mappers that give every error the {@code {"error", "message", "details"}} shape.
   */
  public static List<Object> errorMappers() {
    return List.of(
        new WebApplicationExceptionMapper(),
        new EventRejectedExceptionMapper(),
        new InvalidPatternExceptionMapper(),
        new InvalidFilterExceptionMapper(),
        new UnexpectedExceptionMapper());
  }

  @Override
  public void initialize(Bootstrap<GatewayConfiguration> bootstrap) {
    // ${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092} and friends in config.yml
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
  }

  @Override
  public void run(GatewayConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // Our mappers give every error one JSON shape; Dropwizard's defaults would answer in theirs.
      server.setRegisterDefaultExceptionMappers(false);
    }
    configureObjectMapper(environment.getObjectMapper());
    Clock clock = Clock.systemUTC();
    TopicCatalog catalog = config.buildTopicCatalog();
    EventLimits limits = config.buildEventLimits();
    EventJson eventJson = new EventJson(limits, clock);
    Map<String, Object> clientConfig = config.getKafka().clientConfig();

    Admin admin = config.getKafka().buildAdmin("fluxgate-gateway-admin");
    environment.lifecycle().manage(new io.dropwizard.lifecycle.AutoCloseableManager(admin));
    TopicProvisioner provisioner =
        new TopicProvisioner(admin, config.getKafka().getReplicationFactor());
    provisioner.ensurePlatformTopics(catalog);

    SchemaRegistryManager registryManager =
        new SchemaRegistryManager(
            new KafkaRegistryLog(
                KafkaRegistryLogConfig.of(clientConfig)
                    .withReplicationFactor(config.getKafka().getReplicationFactor())));
    SchemaRegistryService registry = registryManager.registry();
    EventCodec codec = new EventCodec(registry::writerSchema);
    EventEncoder encoder = new EventEncoder(registry, codec);
    // Managed objects start in this order: the registry has read its log before the envelope is
    // registered, and both before Jetty serves.
    environment.lifecycle().manage(registryManager);
    environment.lifecycle().manage(encoder);

    SubscriptionStore store = new SubscriptionStore(clientConfig);
    FlowCounterWriter flowCounterWriter =
        FlowCounterWriter.create(clientConfig, "fluxgate-gateway");
    environment
        .lifecycle()
        .manage(new io.dropwizard.lifecycle.AutoCloseableManager(flowCounterWriter));
    PublishFlowControl flowControl =
        new PublishFlowControl(
            store::all,
            new AdminQueueSizeReader(admin, Duration.ofSeconds(2)),
            flowCounterWriter::record,
            PublishFlowControl.DEFAULT_INTERVAL);
    String transactionalIdPrefix = config.buildTransactionalIdPrefix();
    EventPublisher publisher =
        new EventPublisher(
            EventPublisher.createProducer(clientConfig, config.getProducer()),
            slot ->
                EventPublisher.createTransactionalProducer(
                    clientConfig, config.getProducer(), transactionalIdPrefix, slot),
            config.getAtomicBatchConcurrency(),
            encoder,
            flowControl,
            catalog,
            clock);
    DeliveryService delivery = new DeliveryService(clientConfig, codec, clock);
    AckLog ackLog = new AckLog(clientConfig);
    ManualDelivery manualDelivery =
        new ManualDelivery(clientConfig, ackLog, new EventRenderer(codec, clock));
    delivery.deliverManualWith(manualDelivery);
    ScheduledExecutorService scheduler =
        environment.lifecycle().scheduledExecutorService("fluxgate-gateway-%d").threads(1).build();
    SubscriptionService subscriptions =
        new SubscriptionService(
            store,
            new StartOffsets(admin, catalog.topics()),
            provisioner,
            delivery,
            scheduler,
            config.getSubscriptionPartitions(),
            Duration.ofMillis(config.getSubscriptionTopicDeletionDelay().toMilliseconds()),
            clock);

    KafkaFlowControlCounters flowCounters = new KafkaFlowControlCounters(clientConfig);
    environment.lifecycle().manage(store);
    environment.lifecycle().manage(flowCounters);
    environment.lifecycle().manage(delivery);
    environment.lifecycle().manage(ackLog);
    environment.lifecycle().manage(manualDelivery);
    environment.lifecycle().manage(publisher);
    environment.lifecycle().manage(flowControl);
    environment
        .metrics()
        .register(CHECKED_SUBSCRIPTIONS_GAUGE, (Gauge<Integer>) flowControl::checkedSubscriptions);
    delivery.countDropsWith(flowCounterWriter::record);
    manualDelivery.countDropsWith(flowCounterWriter::record);
    EventStreamService streams =
        config.getSse().build(clientConfig, new EventRenderer(codec, clock), store);
    streams.countDropsWith(flowCounterWriter::record);
    environment.lifecycle().manage(streams);
    environment.metrics().register(OPEN_STREAMS_GAUGE, (Gauge<Integer>) streams::openStreams);
    // Jetty waits for requests in flight before it stops managed objects: end the streams first.
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStopping(LifeCycle event) {
                streams.stop();
              }
            });

    // Jersey holds back the first 8 KiB of a response to set its Content-Length, and a flush does
    // not send them: an event stream must reach its client as it is flushed. Jetty still sets the
    // Content-Length of a response that is complete within its own buffer.
    environment.jersey().property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    errorMappers().forEach(environment.jersey()::register);
    EventsResource events = new EventsResource(eventJson, limits, publisher);
    environment.jersey().register(events);
    // Jersey's URL pattern is set from the configuration only after run(): read the root path
    // there.
    String publishPath =
        SingleEventFastPath.pathUnder(
            config.getServerFactory() instanceof AbstractServerFactory server
                ? server.getJerseyRootPath()
                : java.util.Optional.empty());
    environment
        .servlets()
        .addFilter(
            "single-event-publish",
            new SingleEventFastPath(
                publishPath,
                events,
                environment.getObjectMapper(),
                new ErrorMapping(errorMappers())))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, publishPath);
    environment.jersey().register(new SubscriptionsResource(subscriptions));
    environment.jersey().register(new SubscriptionEventsResource(subscriptions, delivery));
    environment
        .jersey()
        .register(
            new SubscriptionSeekResource(
                subscriptions, new SubscriptionSeeker(admin), manualDelivery));
    environment.jersey().register(new SubscriptionAckResource(subscriptions, manualDelivery));
    environment
        .jersey()
        .register(
            new EventQueryResource(
                config.getQuery().build(clientConfig, catalog.topics(), eventJson, codec, clock)));
    environment
        .jersey()
        .register(
            new SubscriptionStatsResource(
                subscriptions, new SubscriptionStatsReader(admin, flowCounters)));
    ReplayStore replayStore = new ReplayStore(clientConfig);
    ReplayService replays =
        config.getReplay().build(clientConfig, store, replayStore, catalog.topics(), codec, clock);
    // Stopped in reverse: the running replays end (and say so in the store) before it closes.
    environment.lifecycle().manage(replayStore);
    environment.lifecycle().manage(replays);
    environment.jersey().register(new SubscriptionReplayResource(subscriptions, replays));
    environment.jersey().register(new ReplaysResource(replays));
    environment.jersey().register(new SubscriptionStreamResource(subscriptions, streams));
    TopologyStore topologyStore = new TopologyStore(clientConfig);
    TopologyStatusBoard topologyStatuses = new TopologyStatusBoard(clientConfig, clock);
    environment.lifecycle().manage(topologyStore);
    environment.lifecycle().manage(topologyStatuses);
    environment
        .jersey()
        .register(
            new TopologiesResource(
                new TopologyService(
                    topologyStore,
                    topologyStatuses,
                    TopologyService.latestOffsets(new StartOffsets(admin, catalog.topics())),
                    clock)));
    TopologyQueries queries =
        topologyQueries != null ? topologyQueries : config.getProcessorQueries().buildQueries();
    environment.jersey().register(new TopologyResultsResource(queries, clock));
    environment.jersey().register(new CorrelationsResource(queries));
    RegistryResources.jerseyComponents(registry).forEach(environment.jersey()::register);
    environment.healthChecks().register("kafka", new KafkaHealthCheck(admin));
    environment.healthChecks().register("subscriptions", new SubscriptionStoreHealthCheck(store));
    environment.healthChecks().register("schemas", new SchemaRegistryHealthCheck(registry));
  }
}
