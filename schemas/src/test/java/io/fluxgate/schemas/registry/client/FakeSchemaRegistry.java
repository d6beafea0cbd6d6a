package io.fluxgate.schemas.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny in-memory registry speaking the four endpoints of Confluent's API the client uses, on an
 * ephemeral port. It records every request so that tests can count registry calls. Schemas are
 * compared as text.
 */
public final class FakeSchemaRegistry implements AutoCloseable {
  /** One request as the registry received it. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  private record Stored(String schema, String schemaType, JsonNode references) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Stored> schemas = new ArrayList<>();
  private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();

  private FakeSchemaRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeSchemaRegistry start() {
    try {
      return new FakeSchemaRegistry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Registers directly, as another client would have. Returns the id. */
  public synchronized int register(String subject, String schema) {
    return register(subject, schema, null, json.createArrayNode());
  }

  /** Registers a schema with references (a JSON array of {name, subject, version}). */
  public synchronized int register(String subject, String schema, String referencesJson) {
    try {
      return register(subject, schema, null, json.readTree(referencesJson));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Registers a schema of another type, e.g. PROTOBUF. */
  public synchronized int registerTyped(String subject, String schema, String schemaType) {
    return register(subject, schema, schemaType, json.createArrayNode());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized int register(
      String subject, String schema, String schemaType, JsonNode references) {
    Stored stored = new Stored(schema, schemaType, references);
    int id = schemas.indexOf(stored) + 1;
    if (id == 0) {
      schemas.add(stored);
      id = schemas.size();
    }
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    String[] parts = path.substring(1).split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
    }
    synchronized (this) {
      answer(exchange, exchange.getRequestMethod(), parts, body);
    }
  }

  private void answer(HttpExchange exchange, String method, String[] parts, String body)
      throws IOException {
    if (method.equals("GET") && parts.length == 3 && parts[0].equals("schemas")) {
      int id = Integer.parseInt(parts[2]);
      if (id < 1 || id > schemas.size()) {
        send(exchange, 404, error(40403, "Schema " + id + " not found"));
        return;
      }
      Stored stored = schemas.get(id - 1);
      ObjectNode answer = json.createObjectNode().put("schema", stored.schema());
      if (stored.schemaType() != null) {
        answer.put("schemaType", stored.schemaType());
      }
      if (!stored.references().isEmpty()) {
        answer.set("references", stored.references());
      }
      send(exchange, 200, answer);
      return;
    }
    if (parts.length < 2 || !parts[0].equals("subjects")) {
      send(exchange, 404, error(404, "HTTP 404 Not Found"));
      return;
    }
    String subject = parts[1];
    if (method.equals("POST") && parts.length == 3) {
      JsonNode request = json.readTree(body);
      JsonNode references = request.path("references");
      int id =
          register(
              subject,
              request.get("schema").asText(),
              request.hasNonNull("schemaType") ? request.get("schemaType").asText() : null,
              references.isArray() ? references : json.createArrayNode());
      send(exchange, 200, json.createObjectNode().put("id", id));
      return;
    }
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      send(exchange, 404, error(40401, "Subject '" + subject + "' not found."));
      return;
    }
    if (method.equals("POST") && parts.length == 2) {
      String schema = json.readTree(body).get("schema").asText();
      for (int v = 0; v < versions.size(); v++) {
        if (schemas.get(versions.get(v) - 1).schema().equals(schema)) {
          send(exchange, 200, version(subject, v + 1, versions.get(v)));
          return;
        }
      }
      send(exchange, 404, error(40403, "Schema not found"));
      return;
    }
    if (method.equals("GET") && parts.length == 4) {
      int v = parts[3].equals("latest") ? versions.size() : Integer.parseInt(parts[3]);
      if (v < 1 || v > versions.size()) {
        send(exchange, 404, error(40402, "Version " + parts[3] + " not found."));
        return;
      }
      send(exchange, 200, version(subject, v, versions.get(v - 1)));
      return;
    }
    send(exchange, 405, error(405, "HTTP 405 Method Not Allowed"));
  }

  private ObjectNode version(String subject, int version, int id) {
    Stored stored = schemas.get(id - 1);
    ObjectNode answer =
        json.createObjectNode()
            .put("subject", subject)
            .put("id", id)
            .put("version", version)
            .put("schema", stored.schema());
    if (!stored.references().isEmpty()) {
      answer.set("references", (ArrayNode) stored.references());
    }
    return answer;
  }

  private ObjectNode error(int code, String message) {
    return json.createObjectNode().put("error_code", code).put("message", message);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
