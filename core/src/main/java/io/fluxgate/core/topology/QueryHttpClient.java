package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fluxgate.core.topology.TopologyQueries.QueryUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * GETs of the stream processors' internal query endpoints, answers mapped back to what {@link
 * TopologyQueries} promises: 200 is the JSON body, 404 is empty, a 4xx of an {@link
 * InvalidTopologyQueryException.Reason} is that exception again, and anything else (5xx, no answer
 * in time, connection refused) is a {@link QueryUnavailableException}.
 */
public final class QueryHttpClient {
  /** How long an instance may take to answer before the query counts as unavailable. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpClient client;
  private final Duration timeout;

  public QueryHttpClient(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The JSON answer of {@code uri}, or empty when it answers 404. */
  public Optional<JsonNode> get(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").build();
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new QueryUnavailableException(uri.getAuthority() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryUnavailableException("interrupted while asking " + uri.getAuthority(), e);
    }
    int status = response.statusCode();
    JsonNode body = parse(response.body());
    if (status == 200 && body != null) {
      return Optional.of(body);
    }
    if (status == 404) {
      return Optional.empty();
    }
    String error = body == null ? null : body.path("error").asText(null);
    InvalidTopologyQueryException.Reason reason =
        error == null ? null : InvalidTopologyQueryException.Reason.ofError(error);
    if (reason != null && status >= 400 && status < 500) {
      throw new InvalidTopologyQueryException(reason, body.path("message").asText(error));
    }
    String message = body == null ? "" : ": " + body.path("message").asText("");
    throw new QueryUnavailableException(uri.getAuthority() + " answered " + status + message, null);
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }
}
