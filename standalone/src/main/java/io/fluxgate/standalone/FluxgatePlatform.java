package io.fluxgate.standalone;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.logging.common.BootstrapLogging;
import io.fluxgate.processor.FanOutService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ShutdownThread;

/**
 * The whole platform in this process: an embedded Kafka broker (unless an existing cluster is
 * given), the gateway and the stream processor.
 *
 * <pre>{@code
 * try (FluxgatePlatform platform = FluxgatePlatform.start(options)) {
 *   URI gateway = platform.gatewayUri(); // http://127.0.0.1:8080
 * }
 * }</pre>
 */
public final class FluxgatePlatform implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Server server;
  private final FanOutService fanOut;
  private final String bootstrapServers;
  private final String host;

  private FluxgatePlatform(
      Server server, FanOutService fanOut, String bootstrapServers, String host) {
    this.server = server;
    this.fanOut = fanOut;
    this.bootstrapServers = bootstrapServers;
    this.host = host;
  }

  /** Starts everything and returns once the gateway serves and the fan-out runs. */
  public static FluxgatePlatform start(StandaloneOptions options) throws Exception {
    // Until Dropwizard configures logging, keep the broker's start-up chatter out of the console.
    BootstrapLogging.bootstrap(Level.WARN);
    KafkaBrokerLogging.quiet();
    Files.createDirectories(options.dataDir());
    EmbeddedKafkaBroker broker = null;
    String bootstrap = options.bootstrapServers();
    if (options.embeddedBroker()) {
      broker =
          EmbeddedKafkaBroker.builder()
              .dataDir(options.dataDir().resolve("kafka"))
              .port(options.kafkaPort())
              .controllerPort(options.controllerPort())
              .property("message.max.bytes", Integer.toString(4 * 1024 * 1024))
              .build();
      broker.start();
      bootstrap = broker.bootstrapServers();
    }
    EmbeddedKafkaBroker started = broker;
    Managed brokerLifecycle =
        new Managed() {
          @Override
          public void stop() {
            if (started != null) {
              started.close();
            }
          }
        };
    CompletableFuture<Server> serverStarted = new CompletableFuture<>();
    StandaloneApplication app =
        new StandaloneApplication(
            configYaml(options, bootstrap), brokerLifecycle, serverStarted::complete);
    try {
      app.run("server", "fluxgate.yml");
      if (app.fatalError() != null) {
        throw new PlatformStartException("the platform did not start", app.fatalError());
      }
      Server server = serverStarted.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      // The owner stops the platform (close()), in order; Jetty's own JVM hook would race it.
      server.setStopAtShutdown(false);
      ShutdownThread.deregister(server);
      FluxgatePlatform platform =
          new FluxgatePlatform(server, app.fanOut(), bootstrap, options.host());
      platform.awaitFanOutRunning();
      return platform;
    } catch (Exception | Error e) {
      Server running = serverStarted.getNow(null);
      if (running != null) {
        // Stops everything the application started, the broker last.
        running.stop();
      } else if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  private void awaitFanOutRunning() throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (fanOut.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new PlatformStartException(
            "the fan-out did not reach RUNNING (state " + fanOut.state() + ")", null);
      }
      Thread.sleep(50);
    }
  }

  static byte[] configYaml(StandaloneOptions options, String bootstrapServers) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(
        "server",
        Map.of(
            "applicationConnectors",
            List.of(Map.of("type", "http", "port", options.port(), "bindHost", options.host())),
            "adminConnectors",
            List.of(
                Map.of("type", "http", "port", options.adminPort(), "bindHost", options.host())),
            "requestLog",
            Map.of("appenders", List.of())));
    Map<String, Object> loggers = new LinkedHashMap<>();
    KafkaBrokerLogging.NOISY_LOGGERS.forEach(name -> loggers.put(name, "WARN"));
    loggers.put("org.eclipse.jetty", "WARN");
    loggers.put("io.dropwizard", "WARN");
    loggers.put("org.glassfish.jersey", "WARN");
    config.put("logging", Map.of("level", "INFO", "loggers", loggers));
    config.put(
        "kafka",
        Map.of(
            "bootstrapServers",
            bootstrapServers,
            "replicationFactor",
            options.embeddedBroker() ? 1 : -1));
    config.put(
        "fanOut",
        Map.of(
            "stateDir",
            options.dataDir().resolve("streams").toString(),
            "processingGuarantee",
            options.fanOutGuarantee()));
    try {
      return new ObjectMapper(new YAMLFactory()).writeValueAsBytes(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI gatewayUri() {
    return uri("application");
  }

  public URI adminUri() {
    return uri("admin");
  }

  private URI uri(String connectorName) {
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector sc && connectorName.equals(sc.getName())) {
        return URI.create("http://" + host + ":" + sc.getLocalPort());
      }
    }
    throw new IllegalStateException("no " + connectorName + " connector");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public FanOutService fanOut() {
    return fanOut;
  }

  /** Stops the HTTP server, then the processor and clients, then the embedded broker. */
  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** The platform could not start; the cause says why. */
  public static final class PlatformStartException extends RuntimeException {
    PlatformStartException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
