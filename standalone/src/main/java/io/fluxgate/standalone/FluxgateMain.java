package io.fluxgate.standalone;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
      options = new StandaloneOptions(dataDir, host, port, kafkaPort, bootstrapServers);
    } catch (IllegalArgumentException e) {
      System.err.println("fluxgate: " + e.getMessage());
      return 2;
    }
    long started = System.nanoTime();
    FluxgatePlatform platform;
    try {
      platform = FluxgatePlatform.start(options);
    } catch (Exception e) {
      System.err.println("fluxgate: could not start: " + rootMessage(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Fluxgate is stopping...");
                  try {
                    platform.close();
                  } catch (Exception e) {
                    System.err.println("fluxgate: unclean stop: " + rootMessage(e));
                  }
                  System.out.println("Fluxgate stopped.");
                  stopped.countDown();
                },
                "fluxgate-shutdown"));
    System.out.printf(
        "Fluxgate is ready in %.1f s%n  gateway  %s%n  admin    %s%n  kafka    %s%n  data     %s%n",
        (System.nanoTime() - started) / 1e9,
        platform.gatewayUri(),
        platform.adminUri(),
        platform.bootstrapServers(),
        options.embeddedBroker() ? dataDir.toAbsolutePath() : "(external cluster)");
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t.getMessage();
  }
}
