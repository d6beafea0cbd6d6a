package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few gateway calls the scenario benchmarks need besides delivery: subscriptions (create,
 * stats, delete) and the registry id of the generic event envelope.
 */
public final class GatewayApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI gateway;

  public GatewayApi(URI gateway) {
    this.gateway = gateway;
  }

  /** Creates a subscription from {@code body} (the JSON of {@code POST /v1/subscriptions}). */
  public String createSubscription(ObjectNode body) throws IOException, InterruptedException {
    HttpResponse<String> created =
        client.send(
            request("/v1/subscriptions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IOException(
          "could not subscribe: HTTP " + created.statusCode() + " " + created.body());
    }
    return JSON.readTree(created.body()).get("id").asText();
  }

  /** {@code GET /v1/subscriptions/{id}/stats}. */
  public JsonNode stats(String subscriptionId) throws IOException, InterruptedException {
    return get("/v1/subscriptions/" + subscriptionId + "/stats");
  }

  public void deleteSubscription(String subscriptionId) throws IOException, InterruptedException {
    client.send(
        request("/v1/subscriptions/" + subscriptionId).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The registry id of the generic envelope, which the gateway registers when it starts. */
  public int envelopeId() throws IOException, InterruptedException {
    return get("/subjects/fluxgate:envelope/versions/latest").get("id").asInt();
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT);
  }
}
