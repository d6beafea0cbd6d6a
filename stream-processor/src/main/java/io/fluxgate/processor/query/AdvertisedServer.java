package io.fluxgate.processor.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The {@code host:port} other instances reach this one's HTTP queries at, which every Kafka Streams
 * application of this process advertises as its {@code application.server}. Known once the HTTP
 * server has started (its port may be chosen then): a configured {@code advertisedServer}, else the
 * application connector's bind host (this machine's name when it binds every address) and port.
 */
public final class AdvertisedServer {
  private final String configured;
  private volatile HostInfo hostInfo;

  /**
   * @param configured {@code host:port}, or null to take the application connector's
   */
  public AdvertisedServer(String configured) {
    this.configured = configured == null || configured.isBlank() ? null : configured.strip();
    if (this.configured != null) {
      this.hostInfo = HostInfo.buildFromEndpoint(this.configured);
    }
  }

  /** This instance, once known. */
  public Optional<HostInfo> get() {
    return Optional.ofNullable(hostInfo);
  }

  /** Learns the port (and host) from the started server's application connector. */
  public HostInfo resolve(Server server) {
    if (hostInfo != null) {
      return hostInfo;
    }
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector http && "application".equals(http.getName())) {
        hostInfo = new HostInfo(reachableHost(http.getHost()), http.getLocalPort());
        return hostInfo;
      }
    }
    throw new IllegalStateException(
        "no application connector: set advertisedServer, or give the server one");
  }

  private static String reachableHost(String bindHost) {
    if (bindHost != null && !bindHost.isBlank() && !"0.0.0.0".equals(bindHost)) {
      return bindHost;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
