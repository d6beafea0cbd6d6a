package io.fluxgate.processor.topology;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topology.DeployedTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every topology deployed in the compacted {@link PlatformTopics#TOPOLOGIES} topic on this
 * processor instance, each as its own Kafka Streams application, and reports on them with a {@link
 * TopologyStatusReporter}.
 *
 * <p>Changes are applied one at a time on one thread, always towards the latest spec of each name:
 * a new one starts from the offsets pinned at its deploy; a changed one (another generation) is
 * stopped, its local state, internal topics and consumer group removed, and started anew; a deleted
 * one is stopped and removed the same way.
 */
public final class TopologyManager implements RunningTopologies, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyManager.class);

  private final CompactedTopic topic;
  private final Function<DeployedTopology, TopologyRunner> runners;
  private final TopologyAdmin admin;
  private final Path stateDir;
  private final TopologyStatusReporter reporter;
  private final Map<String, DeployedTopology> desired = new ConcurrentHashMap<>();
  private final Map<String, TopologyRunner> running = new ConcurrentHashMap<>();
  private static final long RETRY_SECONDS = 5;

  private static final long READY_CHECK_MS = 50;
  private final ScheduledThreadPoolExecutor worker = newWorker();
  private volatile boolean caughtUp;

  /** Whether topologies may start: this instance's query address is known. */
  private final BooleanSupplier ready;

  /**
   * @param runners builds the (not yet started) runner of a deployed topology
   * @param stateDir where the topologies keep their local state, one directory per application id
   */
  TopologyManager(
      Map<String, Object> clientConfig,
      Function<DeployedTopology, TopologyRunner> runners,
      TopologyAdmin admin,
      Path stateDir,
      TopologyStatusReporter reporter,
      BooleanSupplier ready) {
    this.topic =
        new CompactedTopic(clientConfig, PlatformTopics.TOPOLOGIES, "topologies", this::apply);
    this.runners = runners;
    this.admin = admin;
    this.stateDir = stateDir;
    this.reporter = reporter;
    this.ready = ready;
  }

  /**
   * The manager of this processor instance.
   *
   * @param envelopeId the generic envelope's registered id, for encoding results
   * @param admin an Admin client the caller owns and closes after this stops
   * @param stateDir the directory under which each topology keeps its state
   */
  public static TopologyManager create(
      Map<String, Object> clientConfig,
      String bootstrapServers,
      TopicCatalog catalog,
      EventCodec codec,
      IntSupplier envelopeId,
      EventJson eventJson,
      Admin admin,
      Path stateDir,
      String processingGuarantee,
      Map<String, String> overrides,
      Supplier<Optional<HostInfo>> server) {
    List<String> eventTopics = List.copyOf(catalog.topics());
    TopologyOutput output =
        new TopologyOutput(catalog, eventJson, e -> codec.encode(envelopeId.getAsInt(), e));
    Function<DeployedTopology, TopologyRunner> runners =
        deployed ->
            new TopologyRunner(
                deployed,
                eventTopics,
                codec,
                output,
                TopologyRunner.streamsConfig(
                    deployed.name(),
                    bootstrapServers,
                    stateDir.toString(),
                    processingGuarantee,
                    withServer(overrides, server.get())),
                Clock.systemUTC());
    TopologyAdmin topologyAdmin = new TopologyAdmin(admin);
    TopologyStatusReporter reporter =
        new TopologyStatusReporter(
            clientConfig,
            topologyAdmin,
            Set.copyOf(eventTopics),
            UUID.randomUUID().toString(),
            Clock.systemUTC());
    return new TopologyManager(
        clientConfig, runners, topologyAdmin, stateDir, reporter, () -> server.get().isPresent());
  }

  /**
   * The overrides with {@code application.server} set to this instance's query address, so that
   * other instances find the state stores this one holds (unless the configuration sets it).
   */
  private static Map<String, String> withServer(
      Map<String, String> overrides, Optional<HostInfo> server) {
    Map<String, String> config = new HashMap<>();
    server.ifPresent(
        s -> config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s.host() + ":" + s.port()));
    config.putAll(overrides);
    return config;
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(false);
    caughtUp = true;
    worker.execute(this::reconcile);
    reporter.start(running::values);
  }

  private void apply(String name, byte[] value, long offset) {
    if (name == null) {
      return;
    }
    if (value == null) {
      desired.remove(name);
    } else {
      try {
        desired.put(name, DeployedTopology.fromBytes(value));
      } catch (IOException e) {
        LOG.warn("Skipping unreadable topology record {}: {}", name, e.getMessage());
        return;
      }
    }
    if (caughtUp) {
      worker.execute(this::reconcile);
    }
  }

  /** Brings what runs here to what is deployed. */
  private void reconcile() {
    if (!ready.getAsBoolean()) {
      // The HTTP server has not told its port yet (it starts after the managed objects).
      worker.schedule(this::reconcile, READY_CHECK_MS, TimeUnit.MILLISECONDS);
      return;
    }
    for (TopologyRunner runner : List.copyOf(running.values())) {
      DeployedTopology wanted = desired.get(runner.name());
      if (wanted == null || !wanted.generation().equals(runner.deployed().generation())) {
        stopAndRemove(runner);
      }
    }
    for (DeployedTopology wanted : List.copyOf(desired.values())) {
      if (!running.containsKey(wanted.name())) {
        try {
          start(wanted);
        } catch (RuntimeException e) {
          LOG.error(
              "Could not start topology {}; retrying in {} s", wanted.name(), RETRY_SECONDS, e);
          worker.schedule(this::reconcile, RETRY_SECONDS, TimeUnit.SECONDS);
        }
      }
    }
  }

  private void start(DeployedTopology deployed) {
    String applicationId = PlatformTopics.topologyApplicationId(deployed.name());
    GenerationMarker marker = new GenerationMarker(stateDir, applicationId);
    if (marker.read().filter(g -> !g.equals(deployed.generation())).isPresent()
        && admin.isEmptyOrDead(applicationId)) {
      // Redeployed while this instance was down, and no other instance runs it: start anew.
      admin.remove(applicationId);
    }
    admin.pinStartOffsets(applicationId, deployed.startOffsets());
    TopologyRunner runner = runners.apply(deployed);
    marker.write(deployed.generation());
    running.put(deployed.name(), runner);
    runner.start();
    LOG.info("Started topology {} (generation {})", deployed.name(), deployed.generation());
  }

  private void stopAndRemove(TopologyRunner runner) {
    String applicationId = PlatformTopics.topologyApplicationId(runner.name());
    running.remove(runner.name());
    runner.close();
    runner.cleanUp();
    reporter.forget(runner.name());
    new GenerationMarker(stateDir, applicationId).delete();
    try {
      if (admin.isEmptyOrDead(applicationId)) {
        admin.remove(applicationId);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not remove the internal topics of topology {}", runner.name(), e);
    }
    LOG.info("Stopped and removed topology {}", runner.name());
  }

  private static ScheduledThreadPoolExecutor newWorker() {
    ScheduledThreadPoolExecutor worker =
        new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "fluxgate-topologies"));
    // A retry scheduled for later must not run once the manager stops.
    worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return worker;
  }

  @Override
  public Optional<Running> get(String name) {
    return Optional.ofNullable(running.get(name));
  }

  @Override
  public Collection<Running> all() {
    return List.copyOf(running.values());
  }

  /** Stops every topology on this instance; they keep their state and go on after a restart. */
  @Override
  public void stop() throws InterruptedException {
    caughtUp = false;
    topic.stop();
    worker.shutdown();
    worker.awaitTermination(60, TimeUnit.SECONDS);
    reporter.stop();
    for (TopologyRunner runner : running.values()) {
      runner.close();
      reporter.forget(runner.name());
    }
    running.clear();
    reporter.close();
  }
}
