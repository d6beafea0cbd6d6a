package io.fluxgate.processor;

import io.dropwizard.core.setup.Environment;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topology.QueryHttpClient;
import io.fluxgate.processor.query.AdvertisedServer;
import io.fluxgate.processor.query.HttpRemoteQueries;
import io.fluxgate.processor.resources.InternalQueriesResource;
import io.fluxgate.processor.topology.RunningTopologies;
import io.fluxgate.processor.topology.TopologyQueryService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The query side of a processor in one environment: the correlation timelines application, the
 * {@link TopologyQueryService} over the running topologies and the timelines, and the internal
 * endpoints other instances and gateways ask ({@link InternalQueriesResource}).
 *
 * <pre>{@code
 * AdvertisedServer self = new AdvertisedServer(config.getAdvertisedServer());
 * ProcessorQueries queries = ProcessorQueries.register(environment, kafka, stateDir,
 *     config.getTimelines(), self, runningTopologies);
 * }</pre>
 */
public record ProcessorQueries(
    TopologyQueryService service, Optional<TimelineService> timelines, AdvertisedServer self) {

  /** No deployed topologies (until a topology manager runs them). */
  public static final RunningTopologies NO_TOPOLOGIES =
      new RunningTopologies() {
        @Override
        public Optional<Running> get(String name) {
          return Optional.empty();
        }

        @Override
        public java.util.Collection<Running> all() {
          return List.of();
        }
      };

  public static ProcessorQueries register(
      Environment environment,
      KafkaConnectionFactory kafka,
      String stateDir,
      TimelinesFactory timelinesConfig,
      AdvertisedServer self,
      RunningTopologies topologies) {
    Optional<TimelineService> timelines = timelinesConfig.build(kafka, stateDir, self, environment);
    TopologyQueryService service =
        TopologyQueryService.of(
            topologies,
            () -> timelines.flatMap(TimelineService::streams),
            self::get,
            new HttpRemoteQueries(new QueryHttpClient(QueryHttpClient.DEFAULT_TIMEOUT)),
            Clock.systemUTC());
    environment.jersey().register(new InternalQueriesResource(service));
    // Learns this instance's address when the server starts (port 0 included), for the
    // topologies and timelines that advertise it.
    environment.lifecycle().addServerLifecycleListener(self::resolve);
    return new ProcessorQueries(service, timelines, self);
  }
}
