package io.fluxgate.schemas.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to the registry: Confluent's media types, optional basic authentication, and
 * failover across the configured URLs when one cannot be reached. Every registry operation is
 * idempotent, so a request that timed out may safely be sent again to the next URL.
 */
final class RegistryTransport {
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
  private static final int MAX_MESSAGE_LENGTH = 300;

  private final List<URI> urls;
  private final Duration readTimeout;
  private final Optional<String> authorization;
  private final HttpClient http;
  private final ObjectMapper json;

  /** The URL that answered last; failover starts from it so a dead URL is not retried first. */
  private final AtomicInteger current = new AtomicInteger();

  RegistryTransport(SchemaRegistryClientConfig config, ObjectMapper json) {
    this.urls = config.urls();
    this.readTimeout = config.readTimeout();
    this.authorization =
        config
            .basicAuthUserInfo()
            .map(
                info ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    this.json = json;
  }

  /**
   * Sends {@code method path} with an optional JSON body and returns the answer's body.
   *
   * @param path the raw (already encoded) path and query, starting with {@code /}
   * @throws SchemaRegistryClientException for an error answer, or when no URL answered
   */
  String send(String method, String path, String body) {
    int start = current.get();
    IOException last = null;
    for (int attempt = 0; attempt < urls.size(); attempt++) {
      int index = (start + attempt) % urls.size();
      URI url = URI.create(urls.get(index) + path);
      try {
        HttpResponse<String> response =
            http.send(request(method, url, body), HttpResponse.BodyHandlers.ofString());
        current.set(index);
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
          return response.body();
        }
        throw error(method, url, response);
      } catch (IOException e) {
        last = e;
        if (urls.size() > 1) {
          LOG.warn("Schema registry {} unreachable ({}), trying the next URL", url, e.toString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryClientException(
            "Interrupted while calling the schema registry: " + method + " " + url, e);
      }
    }
    throw new SchemaRegistryClientException(
        "Schema registry unreachable at "
            + urls
            + " for "
            + method
            + " "
            + path
            + ": "
            + describe(last),
        last);
  }

  private HttpRequest request(String method, URI url, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(readTimeout).header("Accept", ACCEPT);
    authorization.ifPresent(value -> request.header("Authorization", value));
    if (body == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    return request
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  /** Reads Confluent's {@code {"error_code", "message"}}; any other body is quoted as it is. */
  private SchemaRegistryClientException error(
      String method, URI url, HttpResponse<String> response) {
    int status = response.statusCode();
    int errorCode = status;
    String message = abbreviate(response.body());
    try {
      JsonNode node = json.readTree(response.body());
      if (node != null && node.hasNonNull("error_code")) {
        errorCode = node.get("error_code").asInt(status);
        message = node.path("message").asText(message);
      }
    } catch (IOException notJson) {
      // Not Confluent's error shape (e.g. a proxy's HTML page): keep the body as the message.
    }
    return new SchemaRegistryClientException(
        message
            + " (HTTP "
            + status
            + ", error code "
            + errorCode
            + ", "
            + method
            + " "
            + url
            + ")",
        status,
        errorCode);
  }

  private static String describe(IOException e) {
    if (e == null) {
      return "no URL configured";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static String abbreviate(String text) {
    if (text == null || text.isBlank()) {
      return "(empty body)";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= MAX_MESSAGE_LENGTH
        ? line
        : line.substring(0, MAX_MESSAGE_LENGTH) + "...";
  }
}
