package io.fluxgate.standalone;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a standalone platform is started with; the command-line flags of {@code fluxgate.jar}.
 *
 * @param dataDir where the embedded broker and the stream processor keep their data
 * @param host address the HTTP ports bind to
 * @param port gateway HTTP port (0: any free port); the admin port is {@code port + 1}
 * @param kafkaPort client port of the embedded broker (0: any free port)
 * @param bootstrapServers an existing Kafka cluster to use instead of the embedded broker, or null
 */
public record StandaloneOptions(
    Path dataDir, String host, int port, int kafkaPort, String bootstrapServers) {

  public static final Path DEFAULT_DATA_DIR = Path.of("fluxgate-data");
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_KAFKA_PORT = 9092;

  public StandaloneOptions {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(host, "host");
    checkPort("port", port);
    checkPort("kafkaPort", kafkaPort);
    if (port == 65535) {
      throw new IllegalArgumentException("port must leave room for the admin port (port + 1)");
    }
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
