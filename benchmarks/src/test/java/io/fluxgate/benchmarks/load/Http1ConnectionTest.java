package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Http1ConnectionTest {
  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/fixed", exchange -> answer(exchange, 201, false, "fixed:"));
    server.createContext("/chunked", exchange -> answer(exchange, 200, true, "chunked:"));
    server.createContext("/bad", exchange -> answer(exchange, 400, false, "{\"error\":\"bad\"}"));
    server.createContext(
        "/close",
        exchange -> {
          exchange.getResponseHeaders().add("Connection", "close");
          answer(exchange, 200, false, "closing");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange, int status, boolean chunked, String prefix)
      throws IOException {
    clientPorts.add(exchange.getRemoteAddress().getPort());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestHeaders().getFirst("Content-Type")
            + " "
            + body);
    byte[] out = (prefix + body.repeat(chunked ? 3000 : 1)).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, chunked ? 0 : out.length);
    try (OutputStream stream = exchange.getResponseBody()) {
      stream.write(out);
    }
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Test
  void postsTheBodyAndReadsAFixedLengthAnswer() throws IOException {
    try (Http1Connection connection = new Http1Connection(uri(), 5_000)) {
      Http1Connection.Response response =
          connection.post(
              "/fixed", "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

      assertThat(response.status()).isEqualTo(201);
      assertThat(response.bodyText()).isEqualTo("fixed:{\"a\":1}");
      assertThat(received).containsExactly("POST application/json {\"a\":1}");
    }
  }

  @Test
  void readsAChunkedAnswerOfManyChunks() throws IOException {
    try (Http1Connection connection = new Http1Connection(uri(), 5_000)) {
      Http1Connection.Response response =
          connection.post(
              "/chunked", "application/x-ndjson", "abc\n".getBytes(StandardCharsets.UTF_8));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.bodyText()).isEqualTo("chunked:" + "abc\n".repeat(3000));
    }
  }

  @Test
  void keepsOneConnectionAcrossRequestsOfBothKinds() throws IOException {
    try (Http1Connection connection = new Http1Connection(uri(), 5_000)) {
      for (int i = 0; i < 5; i++) {
        assertThat(connection.post("/fixed", "text/plain", bytes("n" + i)).bodyText())
            .isEqualTo("fixed:n" + i);
        assertThat(connection.post("/chunked", "text/plain", bytes("c")).bodyText())
            .isEqualTo("chunked:" + "c".repeat(3000));
      }

      assertThat(connection.opened()).isEqualTo(1);
      assertThat(clientPorts).hasSize(1);
    }
  }

  @Test
  void returnsErrorStatusesWithTheirBody() throws IOException {
    try (Http1Connection connection = new Http1Connection(uri(), 5_000)) {
      Http1Connection.Response response = connection.post("/bad", "application/json", bytes("x"));

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.bodyText()).isEqualTo("{\"error\":\"bad\"}x");
      assertThat(connection.post("/fixed", "text/plain", bytes("after")).status()).isEqualTo(201);
      assertThat(connection.opened()).isEqualTo(1);
    }
  }

  @Test
  void reopensAfterTheServerAnsweredConnectionClose() throws IOException {
    try (Http1Connection connection = new Http1Connection(uri(), 5_000)) {
      assertThat(connection.post("/close", "text/plain", bytes("x")).bodyText())
          .isEqualTo("closingx");
      assertThat(connection.post("/fixed", "text/plain", bytes("y")).bodyText())
          .isEqualTo("fixed:y");

      assertThat(connection.opened()).isEqualTo(2);
      assertThat(clientPorts).hasSize(2);
    }
  }

  @Test
  void failsARequestWhoseConnectionIsLostBeforeTheAnswer() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                try (Socket accepted = silent.accept()) {
                  InputStream request = accepted.getInputStream();
                  request.read(new byte[1024]);
                } catch (IOException ignored) {
                  // the test fails on the client side if this goes wrong
                }
              });
      closer.start();
      try (Http1Connection connection =
          new Http1Connection(URI.create("http://127.0.0.1:" + silent.getLocalPort()), 5_000)) {
        assertThatThrownBy(() -> connection.post("/x", "text/plain", bytes("lost")))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("closed the connection before answering");
      }
      closer.join();
    }
  }

  @Test
  void failsARequestThatIsNotAnsweredInTime() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Http1Connection connection =
            new Http1Connection(URI.create("http://127.0.0.1:" + silent.getLocalPort()), 200)) {
      assertThatThrownBy(() -> connection.post("/x", "text/plain", bytes("slow")))
          .isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> new Http1Connection(URI.create("https://example.com"), 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://example.com");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
