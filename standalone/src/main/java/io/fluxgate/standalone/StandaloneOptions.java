package io.fluxgate.standalone;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * What a standalone platform is started with; the command-line flags of {@code fluxgate.jar}.
 *
 * @param dataDir where the embedded broker and the stream processor keep their data
 * @param host address the HTTP ports bind to
 * @param port gateway HTTP port (0: any free port); the admin port is {@code port + 1}
 * @param kafkaPort client port of the embedded broker (0: any free port)
 * @param bootstrapServers an existing Kafka cluster to use instead of the embedded broker, or null
 * @param fanOutGuarantee processing guarantee of the fan-out, {@code at_least_once} (default) or
 *     {@code exactly_once_v2}
 */
public record StandaloneOptions(
    Path dataDir,
    String host,
    int port,
    int kafkaPort,
    String bootstrapServers,
    String fanOutGuarantee) {

  public static final Path DEFAULT_DATA_DIR = Path.of("fluxgate-data");
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final String DEFAULT_FAN_OUT_GUARANTEE = "at_least_once";
  private static final Set<String> GUARANTEES = Set.of("at_least_once", "exactly_once_v2");

  public StandaloneOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    checkPort("port", port);
    checkPort("kafkaPort", kafkaPort);
    Objects.requireNonNull(fanOutGuarantee, "fanOutGuarantee");
    if (!GUARANTEES.contains(fanOutGuarantee)) {
      throw new IllegalArgumentException(
          "the fan-out guarantee must be at_least_once or exactly_once_v2, was " + fanOutGuarantee);
    }
    if (port == 65535) {
      throw new IllegalArgumentException("port must leave room for the admin port (port + 1)");
    }
  }

  /** With the fan-out's default guarantee, {@value #DEFAULT_FAN_OUT_GUARANTEE}. */
  public StandaloneOptions(
      Path dataDir, String host, int port, int kafkaPort, String bootstrapServers) {
    this(dataDir, host, port, kafkaPort, bootstrapServers, DEFAULT_FAN_OUT_GUARANTEE);
  }

  public boolean embeddedBroker() {
    return bootstrapServers == null || bootstrapServers.isBlank();
  }

  /** The admin port: {@code port + 1}, or any free port when {@code port} is 0. */
  public int adminPort() {
    return port == 0 ? 0 : port + 1;
  }

  /** The embedded controller's port: {@code kafkaPort + 1}, or any free port. */
  public int controllerPort() {
    return kafkaPort == 0 ? 0 : kafkaPort + 1;
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " must be from 0 to 65535, was " + port);
    }
  }
}
