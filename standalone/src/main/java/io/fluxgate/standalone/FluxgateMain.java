package io.fluxgate.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar fluxgate.jar}: the whole platform on a laptop, on a real Kafka broker. */
@Command(
    name = "fluxgate",
    mixinStandardHelpOptions = true,
    description =
        "Runs Fluxgate: an embedded Kafka broker (KRaft), the gateway and the stream processor.")
public final class FluxgateMain implements Callable<Integer> {
  private static final Duration START_WAIT_ON_STOP = Duration.ofSeconds(60);

  @Option(
      names = "--data-dir",
      description =
          "Where Kafka and the stream processor keep their data (default: ${DEFAULT-VALUE}).")
  Path dataDir = StandaloneOptions.DEFAULT_DATA_DIR;

  @Option(
      names = "--port",
      description = "Gateway HTTP port; the admin port is this + 1 (default: ${DEFAULT-VALUE}).")
  int port = StandaloneOptions.DEFAULT_PORT;

  @Option(
      names = "--kafka-port",
      description =
          "Embedded broker port; its controller uses this + 1 (default: ${DEFAULT-VALUE}).")
  int kafkaPort = StandaloneOptions.DEFAULT_KAFKA_PORT;

  @Option(
      names = "--bootstrap-servers",
      description = "Use this Kafka cluster (HOST:PORT,...) instead of the embedded broker.")
  String bootstrapServers;

  @Option(
      names = "--host",
      description = "Address the HTTP ports bind to (default: ${DEFAULT-VALUE}).")
  String host = StandaloneOptions.DEFAULT_HOST;

  @Option(
      names = "--fan-out-guarantee",
      description =
          "Processing guarantee of the fan-out: at_least_once or exactly_once_v2"
              + " (default: ${DEFAULT-VALUE}).")
  String fanOutGuarantee = StandaloneOptions.DEFAULT_FAN_OUT_GUARANTEE;

  public static void main(String[] args) {
    int code = new CommandLine(new FluxgateMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    StandaloneOptions options;
    try {
      options =
          new StandaloneOptions(dataDir, host, port, kafkaPort, bootstrapServers, fanOutGuarantee);
    } catch (IllegalArgumentException e) {
      System.err.println("fluxgate: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    // Registered before the start so that Ctrl-C during a slow start still stops cleanly.
    CompletableFuture<FluxgatePlatform> running = new CompletableFuture<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(running, stopped), "fluxgate-shutdown"));
    FluxgatePlatform platform;
    try {
      platform = FluxgatePlatform.start(options);
      running.complete(platform);
    } catch (Exception e) {
      running.completeExceptionally(e);
      System.err.println("fluxgate: could not start: " + rootMessage(e));
      return 1;
    }
    System.out.printf(
        "Fluxgate is ready in %.1f s%n  gateway  %s%n  schemas  %s (schema.registry.url)%n"
            + "  admin    %s%n  kafka    %s%n  data     %s%n",
        (System.nanoTime() - started) / 1e9,
        platform.gatewayUri(),
        platform.gatewayUri(),
        platform.adminUri(),
        platform.bootstrapServers(),
        options.embeddedBroker() ? dataDir.toAbsolutePath() : "(external cluster)");
    stopped.await();
    return 0;
  }

  private static void stop(CompletableFuture<FluxgatePlatform> running, CountDownLatch stopped) {
    try {
      FluxgatePlatform platform = running.get(START_WAIT_ON_STOP.toSeconds(), TimeUnit.SECONDS);
      System.out.println("Fluxgate is stopping...");
      platform.close();
      System.out.println("Fluxgate stopped.");
    } catch (ExecutionException notStarted) {
      // start() failed and cleaned up after itself
    } catch (Exception e) {
      System.err.println("fluxgate: unclean stop: " + rootMessage(e));
    } finally {
      stopped.countDown();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
  }
}
