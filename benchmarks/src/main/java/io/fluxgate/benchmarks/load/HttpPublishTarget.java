package io.fluxgate.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes to the gateway: {@code POST /v1/events} for one event, {@code POST /v1/events/batch}
 * (NDJSON) for more. Each connection has its own HTTP/1.1 client, used by one thread at a time, so
 * it holds exactly one keep-alive connection.
 */
public final class HttpPublishTarget implements PublishTarget {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI single;
  private final URI batch;
  private final List<HttpClient> clients;

  public HttpPublishTarget(URI gateway, int connections) {
    this.single = gateway.resolve("/v1/events");
    this.batch = gateway.resolve("/v1/events/batch");
    this.clients = new ArrayList<>(connections);
    for (int i = 0; i < connections; i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
  }

  @Override
  public void send(int connection, List<String> ids, List<String> events) throws Exception {
    HttpRequest request =
        events.size() == 1
            ? post(single, "application/json", events.get(0).getBytes(StandardCharsets.UTF_8))
            : post(batch, "application/x-ndjson", EventFactory.ndjson(events));
    HttpResponse<String> response =
        clients.get(connection).send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new PublishFailedException(
          "HTTP " + response.statusCode() + " from " + request.uri() + ": " + response.body());
    }
  }

  private static HttpRequest post(URI uri, String contentType, byte[] body) {
    return HttpRequest.newBuilder(uri)
        .timeout(TIMEOUT)
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  @Override
  public void close() {
    // java.net.http clients of JDK 17 have no close(); their idle connections time out.
  }
}
