package io.fluxgate.benchmarks.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes to the gateway: {@code POST /v1/events} for one event, {@code POST /v1/events/batch}
 * (NDJSON) for more. Each connection is one keep-alive {@link Http1Connection}, used by one thread
 * at a time.
 */
public final class HttpPublishTarget implements PublishTarget {
  private static final int TIMEOUT_MS = 30_000;

  private final List<Http1Connection> connections;

  public HttpPublishTarget(URI gateway, int connections) {
    this.connections = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      this.connections.add(new Http1Connection(gateway, TIMEOUT_MS));
    }
  }

  @Override
  public void send(int connection, List<String> ids, List<String> events) throws Exception {
    String path = events.size() == 1 ? "/v1/events" : "/v1/events/batch";
    Http1Connection.Response response =
        events.size() == 1
            ? connections
                .get(connection)
                .post(path, "application/json", events.get(0).getBytes(StandardCharsets.UTF_8))
            : connections
                .get(connection)
                .post(path, "application/x-ndjson", EventFactory.ndjson(events));
    if (response.status() / 100 != 2) {
      throw new PublishFailedException(
          "HTTP " + response.status() + " from " + path + ": " + response.bodyText());
    }
  }

  @Override
  public void close() {
    connections.forEach(Http1Connection::close);
  }
}
