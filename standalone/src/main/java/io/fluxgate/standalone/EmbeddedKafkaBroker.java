package io.fluxgate.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker (KRaft mode, combined broker + controller) running inside
 * the current JVM.
 *
 * <p>On the first {@link #start()} the data directory is formatted with a fresh random cluster id
 * (the same formatting logic as {@code kafka-storage.sh format}, with the release's default feature
 * levels, e.g. {@code share.version=1} and {@code streams.version=1} for Kafka 4.3). Later starts
 * on the same directory keep the existing cluster id and every record. {@code start()} returns only
 * once the broker really serves clients; {@link #close()} performs a controlled shutdown and waits
 * for it.
 *
 * <p>The data directory is owned exclusively by the broker (it is its {@code log.dirs} and metadata
 * log directory): do not store anything else in it.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker =
 *     EmbeddedKafkaBroker.builder()
 *         .dataDir(Path.of("/var/lib/fluxgate/kafka"))
 *         .port(9092)              // 0 = any free port
 *         .controllerPort(9093)    // 0 = any free port
 *         .property("log.retention.hours", "48")
 *         .build()) {
 *   broker.start();
 *   String bootstrap = broker.bootstrapServers(); // "127.0.0.1:9092"
 *   ...
 * }
 * }</pre>
 *
 * <p>An instance is single-use: after {@code close()} build a new one (with the same data
 * directory) to restart the broker. The broker listens on {@value #HOST} only and uses PLAINTEXT.
 * {@code start()} and {@code close()} are synchronized: a {@code close()} issued while {@code
 * start()} runs waits for it. The application must call {@code close()} on shutdown (e.g. from a
 * Dropwizard {@code Managed}); no JVM shutdown hook is registered.
 *
 * <p>Caveat: like a standalone Kafka process, the broker calls {@code
 * org.apache.kafka.common.utils.Exit.halt} (which halts the whole JVM) on fatal, unrecoverable
 * metadata or log-directory faults.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  /** The broker and controller only bind to (and advertise) the loopback address. */
  public static final String HOST = "127.0.0.1";

  /** KRaft node id of the single broker/controller. */
  public static final int NODE_ID = 1;

  /** Port value that means "pick any free port". */
  public static final int ANY_FREE_PORT = 0;

  /** How long {@link #start()} waits for the broker to serve before giving up. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

  /** Name of the client (and inter-broker) listener. */
  public static final String BROKER_LISTENER = "BROKER";

  /** Name of the KRaft controller listener. */
  public static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * Single-node defaults applied before the {@link Builder#property(String, String) overrides}.
   * Replication factors and min ISR of the internal topics are 1, topics are never auto-created
   * (the platform creates its topics explicitly) and new topics get 3 partitions by default.
   */
  public static final Map<String, String> DEFAULT_PROPERTIES =
      Map.ofEntries(
          Map.entry("offsets.topic.replication.factor", "1"),
          Map.entry("transaction.state.log.replication.factor", "1"),
          Map.entry("transaction.state.log.min.isr", "1"),
          Map.entry("share.coordinator.state.topic.replication.factor", "1"),
          Map.entry("share.coordinator.state.topic.min.isr", "1"),
          Map.entry("default.replication.factor", "1"),
          Map.entry("min.insync.replicas", "1"),
          Map.entry("group.initial.rebalance.delay.ms", "0"),
          Map.entry("auto.create.topics.enable", "false"),
          Map.entry("num.partitions", "3"),
          // An offset/time index entry per 64 KiB instead of 4 KiB: with hundreds of
          // subscription partitions the broker spent a third of its append time writing index
          // entries (mmap page faults); a fetch now scans at most 64 KiB from its index entry.
          Map.entry("log.index.interval.bytes", "65536"));

  /**
   * Properties that this class derives from the builder (roles, listeners, ports, directories) and
   * that therefore cannot be overridden with {@link Builder#property(String, String)}.
   */
  public static final Set<String> MANAGED_PROPERTIES =
      Set.of(
          "process.roles",
          "node.id",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers",
          "controller.listener.names",
          "listeners",
          "advertised.listeners",
          "inter.broker.listener.name",
          "listener.security.protocol.map",
          "log.dir",
          "log.dirs",
          "metadata.log.dir");

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final Duration READINESS_POLL_INTERVAL = Duration.ofMillis(200);
  private static final int ADMIN_REQUEST_TIMEOUT_MS = 5_000;
  private static final int MAX_AUTO_PORT_ATTEMPTS = 3;

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final Path dataDir;
  private final int requestedPort;
  private final int requestedControllerPort;
  private final Map<String, String> overrides;
  private final Duration startTimeout;
  private final IntSupplier freePortFinder;

  private State state = State.NEW;
  private KafkaRaftServer server;
  private int port;
  private int controllerPort;
  private String clusterId;
  private boolean formattedStorage;

  private EmbeddedKafkaBroker(Builder builder) {
    this.dataDir = builder.dataDir.toAbsolutePath().normalize();
    this.requestedPort = builder.port;
    this.requestedControllerPort = builder.controllerPort;
    this.overrides = Map.copyOf(builder.overrides);
    this.startTimeout = builder.startTimeout;
    this.freePortFinder = builder.freePortFinder;
  }

  /** Returns a new builder; {@link Builder#dataDir(Path)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Formats the data directory if needed, starts the broker and controller and waits until the
   * broker serves clients.
   *
   * @throws IllegalStateException if this instance was already started or closed
   * @throws EmbeddedKafkaException if a port is busy, the storage cannot be formatted, or the
   *     broker does not serve within the start timeout (the broker is shut down again in that case)
   */
  public synchronized void start() {
    if (state != State.NEW) {
      throw new IllegalStateException(
          "Embedded Kafka broker was already " + (state == State.RUNNING ? "started" : "closed"));
    }
    long startNanos = System.nanoTime();
    long deadlineNanos = startNanos + startTimeout.toNanos();
    boolean autoPorts = requestedPort == ANY_FREE_PORT || requestedControllerPort == ANY_FREE_PORT;
    for (int attempt = 1; ; attempt++) {
      try {
        // Explicit ports are checked up front so that a busy one fails fast with a clear message.
        port =
            requestedPort == ANY_FREE_PORT
                ? freePort(requestedControllerPort)
                : checkFree(requestedPort, "broker");
        controllerPort =
            requestedControllerPort == ANY_FREE_PORT
                ? freePort(port)
                : checkFree(requestedControllerPort, "controller");
      } catch (EmbeddedKafkaException e) {
        state = State.CLOSED;
        throw e;
      }
      try {
        startOnce(deadlineNanos);
        state = State.RUNNING;
        LOG.info(
            "Embedded Kafka broker serving on {} (cluster id {}, data dir {}, {}) in {} ms",
            bootstrapServers(),
            clusterId,
            dataDir,
            formattedStorage ? "freshly formatted" : "existing storage",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return;
      } catch (RuntimeException | IOException e) {
        shutdownQuietly();
        if (autoPorts && attempt < MAX_AUTO_PORT_ATTEMPTS && isBindFailure(e)) {
          // A port picked as free was taken by someone else before Kafka could bind it.
          LOG.warn(
              "Embedded Kafka broker could not bind its ports {}/{} ({}); retrying with other"
                  + " free ports",
              port,
              controllerPort,
              e.getMessage());
          continue;
        }
        state = State.CLOSED;
        if (e instanceof EmbeddedKafkaException ek) {
          throw ek;
        }
        throw new EmbeddedKafkaException(
            "Embedded Kafka broker failed to start (data dir " + dataDir + "): " + e.getMessage(),
            e);
      }
    }
  }

  /** One start attempt on the chosen ports. */
  private void startOnce(long deadlineNanos) throws IOException {
    Files.createDirectories(dataDir);
    KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
    formatIfNeeded(config);
    server = new KafkaRaftServer(config, Time.SYSTEM);
    runStartup(deadlineNanos);
    clusterId = awaitServing(deadlineNanos);
  }

  /**
   * The bootstrap servers string for clients, {@code 127.0.0.1:<port>}.
   *
   * @throws IllegalStateException if the broker was never started
   */
  public synchronized String bootstrapServers() {
    return HOST + ":" + port();
  }

  /** The port of the client listener (the actual one when {@code 0} was requested). */
  public synchronized int port() {
    requireStarted();
    return port;
  }

  /** The port of the KRaft controller listener (the actual one when {@code 0} was requested). */
  public synchronized int controllerPort() {
    requireStarted();
    return controllerPort;
  }

  /** The cluster id stored in the data directory (stable across restarts). */
  public synchronized String clusterId() {
    requireStarted();
    return clusterId;
  }

  /** The broker's data directory ({@code log.dirs}). */
  public Path dataDir() {
    return dataDir;
  }

  /** Whether {@link #start()} succeeded and {@link #close()} has not been called yet. */
  public synchronized boolean isRunning() {
    return state == State.RUNNING;
  }

  /**
   * Controlled shutdown of broker and controller; returns once both have stopped and all logs are
   * flushed. Idempotent; does nothing if the broker was never started.
   */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    boolean wasRunning = state == State.RUNNING;
    state = State.CLOSED;
    if (server == null) {
      return;
    }
    long startNanos = System.nanoTime();
    server.shutdown();
    server.awaitShutdown();
    server = null;
    if (wasRunning) {
      LOG.info(
          "Embedded Kafka broker on {} stopped in {} ms",
          HOST + ":" + port,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }
  }

  private void requireStarted() {
    if (clusterId == null) {
      throw new IllegalStateException("Embedded Kafka broker has not been started");
    }
  }

  private Properties brokerProperties() {
    Properties props = new Properties();
    props.putAll(DEFAULT_PROPERTIES);
    props.putAll(overrides);
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        BROKER_LISTENER
            + "://"
            + HOST
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + HOST
            + ":"
            + controllerPort);
    props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
    props.put("inter.broker.listener.name", BROKER_LISTENER);
    props.put(
        "listener.security.protocol.map",
        BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", dataDir.toString());
    return props;
  }

  /**
   * Formats the storage like {@code kafka-storage.sh format -t <random id> -c <config>} unless the
   * directory already holds a {@code meta.properties}.
   */
  private void formatIfNeeded(KafkaConfig config) {
    if (Files.exists(dataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
      return;
    }
    String newClusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter()
          .setPrintStream(printStream)
          .setNodeId(NODE_ID)
          .setClusterId(newClusterId)
          .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
          .setControllerListenerName(CONTROLLER_LISTENER)
          .setMetadataLogDirectory(dataDir.toString())
          .addDirectory(dataDir.toString())
          // Static quorum (controller.quorum.voters), like the tool does without --standalone.
          .setHasDynamicQuorum(false)
          .run();
    } catch (Exception e) {
      throw new EmbeddedKafkaException(
          "Failed to format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
    }
    output
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(line -> !line.isBlank())
        .forEach(line -> LOG.debug("Kafka storage format: {}", line));
    LOG.info("Formatted Kafka storage in {} with new cluster id {}", dataDir, newClusterId);
    formattedStorage = true;
  }

  /** Runs the blocking {@code KafkaRaftServer.startup()} with a deadline. */
  private void runStartup(long deadlineNanos) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "fluxgate-kafka-startup");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<?> startup = executor.submit(server::startup);
      startup.get(remainingNanos(deadlineNanos), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new EmbeddedKafkaException(
          "Embedded Kafka broker did not finish its startup within " + startTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException("Interrupted while starting the embedded Kafka broker", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new EmbeddedKafkaException(
          "Embedded Kafka broker failed during startup: " + cause.getMessage(), cause);
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Polls the broker with an Admin client until it lists itself as an (unfenced) broker, reports an
   * active controller and exposes the finalized {@code metadata.version}. Returns the cluster id.
   */
  private String awaitServing(long deadlineNanos) {
    Map<String, Object> adminConfig = new LinkedHashMap<>();
    adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + port);
    adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "fluxgate-embedded-broker-readiness");
    adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS);
    adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS);
    Exception lastFailure = null;
    String lastProblem = "no answer yet";
    try (Admin admin = Admin.create(adminConfig)) {
      while (true) {
        try {
          DescribeClusterResult cluster = admin.describeCluster();
          String id = cluster.clusterId().get();
          Node controller = cluster.controller().get();
          boolean listed = cluster.nodes().get().stream().anyMatch(node -> node.id() == NODE_ID);
          FeatureMetadata features = admin.describeFeatures().featureMetadata().get();
          if (id == null) {
            lastProblem = "no cluster id reported";
          } else if (controller == null || controller.isEmpty()) {
            lastProblem = "no active controller";
          } else if (!listed) {
            lastProblem = "broker not yet registered/unfenced";
          } else if (!features.finalizedFeatures().containsKey("metadata.version")) {
            lastProblem = "metadata.version not finalized";
          } else {
            return id;
          }
        } catch (ExecutionException e) {
          lastFailure = e;
          lastProblem = String.valueOf(e.getCause());
        }
        if (remainingNanos(deadlineNanos) <= READINESS_POLL_INTERVAL.toNanos()) {
          throw new EmbeddedKafkaException(
              "Embedded Kafka broker on "
                  + HOST
                  + ":"
                  + port
                  + " did not serve within "
                  + startTimeout
                  + " (last problem: "
                  + lastProblem
                  + ")",
              lastFailure);
        }
        Thread.sleep(READINESS_POLL_INTERVAL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedKafkaException(
          "Interrupted while waiting for the embedded Kafka broker", e);
    }
  }

  private void shutdownQuietly() {
    if (server == null) {
      return;
    }
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Error while shutting down the embedded Kafka broker after a failed start", e);
    } finally {
      server = null;
    }
  }

  private static long remainingNanos(long deadlineNanos) {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** A free port other than {@code notThisOne}, from the {@link #freePortFinder}. */
  private int freePort(int notThisOne) {
    for (int attempt = 0; attempt < 10; attempt++) {
      int candidate = freePortFinder.getAsInt();
      if (candidate != notThisOne) {
        return candidate;
      }
    }
    throw new EmbeddedKafkaException("Could not find a free port on " + HOST);
  }

  /** Asks the OS for a currently free port on {@link #HOST}. */
  static int anyFreePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new EmbeddedKafkaException("Could not find a free port on " + HOST, e);
    }
  }

  /** Returns {@code port} if it can be bound on {@link #HOST}, else fails with a clear message. */
  private static int checkFree(int port, String role) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return port;
    } catch (IOException e) {
      throw new EmbeddedKafkaException(
          "Cannot start the embedded Kafka broker: "
              + role
              + " port "
              + port
              + " on "
              + HOST
              + " is already in use ("
              + e.getMessage()
              + "). Stop the process using it or configure another port (0 = any free port).",
          e);
    }
  }

  /** Builder for {@link EmbeddedKafkaBroker}. */
  public static final class Builder {
    private Path dataDir;
    private int port = ANY_FREE_PORT;
    private int controllerPort = ANY_FREE_PORT;
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private IntSupplier freePortFinder = EmbeddedKafkaBroker::anyFreePort;

    private Builder() {}

    /** Directory for all broker data (required); created if missing. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Client listener port on {@value #HOST}; {@code 0} (default) picks a free port. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** KRaft controller listener port on {@value #HOST}; {@code 0} (default) picks a free port. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = checkPort(controllerPort);
      return this;
    }

    /**
     * Extra broker configuration, applied over {@link #DEFAULT_PROPERTIES}. The keys in {@link
     * #MANAGED_PROPERTIES} are rejected.
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (MANAGED_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException(
            "'" + key + "' is managed by EmbeddedKafkaBroker and cannot be overridden");
      }
      overrides.put(key, value);
      return this;
    }

    /** How long {@link #start()} may take; default {@link #DEFAULT_START_TIMEOUT}. */
    public Builder startTimeout(Duration startTimeout) {
      Objects.requireNonNull(startTimeout, "startTimeout");
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive: " + startTimeout);
      }
      this.startTimeout = startTimeout;
      return this;
    }

    /** Test hook: where ports for {@code 0} come from. */
    Builder freePortFinder(IntSupplier freePortFinder) {
      this.freePortFinder = Objects.requireNonNull(freePortFinder, "freePortFinder");
      return this;
    }

    public EmbeddedKafkaBroker build() {
      if (dataDir == null) {
        throw new IllegalStateException("dataDir is required");
      }
      if (port != ANY_FREE_PORT && port == controllerPort) {
        throw new IllegalStateException("port and controllerPort must differ: " + port);
      }
      return new EmbeddedKafkaBroker(this);
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("Not a valid port: " + port);
      }
      return port;
    }
  }

  /** Thrown when the embedded broker cannot be started. */
  public static final class EmbeddedKafkaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EmbeddedKafkaException(String message) {
      super(message);
    }

    EmbeddedKafkaException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
