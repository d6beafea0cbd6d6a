package io.fluxgate.schemas.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {
  private static final Schema PAYMENT =
      SchemaBuilder.record("Payment")
          .namespace("com.example")
          .fields()
          .requiredString("id")
          .requiredDouble("amount")
          .endRecord();

  private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private HttpSchemaRegistryClient client(String urls, Object... more) {
    Map<String, Object> configs = new HashMap<>();
    configs.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, urls);
    for (int i = 0; i < more.length; i += 2) {
      configs.put((String) more[i], more[i + 1]);
    }
    return new HttpSchemaRegistryClient(new SchemaRegistryClientConfig(configs));
  }

  @Test
  void shouldRegisterWithConfluentMediaTypesAndSchemaBody() {
    int id = client(registry.url()).register("payments-value", PAYMENT);

    assertThat(id).isEqualTo(1);
    FakeSchemaRegistry.Request request = registry.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/subjects/payments-value/versions");
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.header("Accept"))
        .isEqualTo(
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
                + " application/json; qs=0.5");
    assertThat(request.body()).isEqualTo("{\"schema\":" + quoted(PAYMENT.toString()) + "}");
  }

  @Test
  void shouldAskForNormalizationWhenRequested() {
    client(registry.url()).register("payments-value", PAYMENT, true);

    assertThat(registry.requests().get(0).path())
        .isEqualTo("/subjects/payments-value/versions?normalize=true");
  }

  @Test
  void shouldEncodeSubjectsInThePath() {
    int id = client(registry.url()).register("payment processed/v1 ü", PAYMENT);

    assertThat(registry.requests().get(0).path())
        .isEqualTo("/subjects/payment%20processed%2Fv1%20%C3%BC/versions");
    assertThat(client(registry.url()).latestVersion("payment processed/v1 ü").id()).isEqualTo(id);
  }

  @Test
  void shouldLookUpARegisteredSchemaWithItsVersion() {
    registry.register("payments-value", "\"string\"");
    int id = registry.register("payments-value", PAYMENT.toString());

    RegisteredSchema found = client(registry.url()).lookup("payments-value", PAYMENT, false);

    assertThat(found).isEqualTo(new RegisteredSchema("payments-value", id, 2, PAYMENT));
    assertThat(registry.requests().get(0).method()).isEqualTo("POST");
    assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/payments-value");
  }

  @Test
  void shouldReportASchemaNotRegisteredUnderTheSubjectAs40403() {
    registry.register("payments-value", "\"string\"");

    assertThatThrownBy(() -> client(registry.url()).lookup("payments-value", PAYMENT, false))
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e.isSchemaNotFound()).isTrue();
            })
        .hasMessageContaining("Schema not found")
        .hasMessageContaining("POST " + registry.url() + "/subjects/payments-value");
  }

  @Test
  void shouldReportAnUnknownSubjectAs40401() {
    assertThatThrownBy(() -> client(registry.url()).latestVersion("nope"))
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class, e -> assertThat(e.isSubjectNotFound()).isTrue())
        .hasMessageContaining("Subject 'nope' not found.");
  }

  @Test
  void shouldReportAnUnknownVersionAs40402() {
    registry.register("payments-value", PAYMENT.toString());

    assertThatThrownBy(() -> client(registry.url()).version("payments-value", 7))
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class, e -> assertThat(e.isVersionNotFound()).isTrue());
  }

  @Test
  void shouldFetchASchemaById() {
    int id = registry.register("payments-value", PAYMENT.toString());

    assertThat(client(registry.url()).schemaById(id)).isEqualTo(PAYMENT);
    assertThat(registry.requests().get(0).path()).isEqualTo("/schemas/ids/" + id);
  }

  @Test
  void shouldReportAnUnknownIdAs40403() {
    assertThatThrownBy(() -> client(registry.url()).schemaById(42))
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.errorCode()).isEqualTo(40403);
            })
        .hasMessageContaining("Schema 42 not found");
  }

  @Test
  void shouldFetchNumberedAndLatestVersions() {
    registry.register("payments-value", "\"string\"");
    int id = registry.register("payments-value", PAYMENT.toString());
    HttpSchemaRegistryClient client = client(registry.url());

    assertThat(client.latestVersion("payments-value"))
        .isEqualTo(new RegisteredSchema("payments-value", id, 2, PAYMENT));
    assertThat(client.version("payments-value", 1).schema())
        .isEqualTo(Schema.create(Schema.Type.STRING));
    assertThat(registry.requests())
        .extracting(FakeSchemaRegistry.Request::path)
        .containsExactly(
            "/subjects/payments-value/versions/latest", "/subjects/payments-value/versions/1");
  }

  @Test
  void shouldResolveReferencesTransitivelyBeforeParsing() {
    registry.register(
        "com.example.Currency",
        "{\"type\":\"enum\",\"name\":\"Currency\",\"namespace\":\"com.example\","
            + "\"symbols\":[\"EUR\",\"USD\"]}");
    registry.register(
        "com.example.Money",
        "{\"type\":\"record\",\"name\":\"Money\",\"namespace\":\"com.example\",\"fields\":["
            + "{\"name\":\"amount\",\"type\":\"double\"},"
            + "{\"name\":\"currency\",\"type\":\"Currency\"}]}",
        "[{\"name\":\"com.example.Currency\",\"subject\":\"com.example.Currency\",\"version\":1}]");
    int id =
        registry.register(
            "orders-value",
            "{\"type\":\"record\",\"name\":\"Order\",\"namespace\":\"com.example\",\"fields\":["
                + "{\"name\":\"total\",\"type\":\"Money\"}]}",
            "[{\"name\":\"com.example.Money\",\"subject\":\"com.example.Money\",\"version\":1}]");

    Schema order = client(registry.url()).schemaById(id);

    assertThat(order.getField("total").schema().getField("currency").schema().getEnumSymbols())
        .containsExactly("EUR", "USD");
    assertThat(registry.requests())
        .extracting(FakeSchemaRegistry.Request::path)
        .containsExactly(
            "/schemas/ids/" + id,
            "/subjects/com.example.Money/versions/1",
            "/subjects/com.example.Currency/versions/1");
  }

  @Test
  void shouldRefuseSchemasOfAnotherType() {
    int id = registry.registerTyped("x", "syntax = \"proto3\";", "PROTOBUF");

    assertThatThrownBy(() -> client(registry.url()).schemaById(id))
        .isInstanceOf(SchemaRegistryClientException.class)
        .hasMessageContaining("PROTOBUF")
        .hasMessageContaining("only AVRO");
  }

  @Test
  void shouldReportAnUnparsableSchemaFromTheRegistry() {
    int id = registry.register("x", "{\"type\":\"record\"}");

    assertThatThrownBy(() -> client(registry.url()).schemaById(id))
        .isInstanceOf(SchemaRegistryClientException.class)
        .hasMessageContaining("schema id " + id + " is not a valid Avro schema");
  }

  @Test
  void shouldFailOverToTheNextUrlWhenOneIsUnreachable() throws IOException {
    HttpSchemaRegistryClient client = client(deadUrl() + "," + registry.url());

    assertThat(client.register("payments-value", PAYMENT)).isEqualTo(1);
    assertThat(client.schemaById(1)).isEqualTo(PAYMENT);
    assertThat(registry.requests()).hasSize(2);
  }

  @Test
  void shouldNameEveryUrlWhenNoneIsReachable() throws IOException {
    String dead = deadUrl();

    assertThatThrownBy(() -> client(dead).schemaById(1))
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class,
            e -> {
              assertThat(e.isNoResponse()).isTrue();
              assertThat(e.status()).isEqualTo(SchemaRegistryClientException.NO_RESPONSE);
            })
        .hasMessageContaining("Schema registry unreachable at [" + dead + "]")
        .hasMessageContaining("GET /schemas/ids/1")
        .hasMessageContaining("ConnectException");
  }

  @Test
  void shouldGiveUpAfterTheReadTimeout() throws IOException {
    HttpServer silent =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    silent.createContext("/", exchange -> {}); // never answers
    silent.start();
    try {
      String url = "http://127.0.0.1:" + silent.getAddress().getPort();
      HttpSchemaRegistryClient client =
          client(url, SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, 200);

      assertThatThrownBy(() -> client.schemaById(1))
          .isInstanceOf(SchemaRegistryClientException.class)
          .hasMessageContaining("HttpTimeoutException");
    } finally {
      silent.stop(0);
    }
  }

  @Test
  void shouldKeepTheBodyOfAnErrorThatIsNotConfluentShaped() throws IOException {
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext(
        "/",
        exchange -> {
          byte[] body = "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(502, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    proxy.start();
    try {
      String url = "http://127.0.0.1:" + proxy.getAddress().getPort();

      assertThatThrownBy(() -> client(url).schemaById(1))
          .isInstanceOfSatisfying(
              SchemaRegistryClientException.class,
              e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.errorCode()).isEqualTo(502);
              })
          .hasMessageContaining("<html>Bad Gateway</html>");
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void shouldSendBasicAuthFromUserInfo() {
    client(registry.url(), SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "fred:s3cret")
        .register("s", PAYMENT);

    assertThat(registry.requests().get(0).header("Authorization"))
        .isEqualTo("Basic " + base64("fred:s3cret"));
  }

  @Test
  void shouldSendBasicAuthFromTheUrlAndNotPutItInTheRequestUrl() {
    String url = registry.url().replace("http://", "http://fred:s3cret@");

    client(url).register("s", PAYMENT);

    assertThat(registry.requests().get(0).header("Authorization"))
        .isEqualTo("Basic " + base64("fred:s3cret"));
  }

  @Test
  void shouldSendNoAuthorizationByDefault() {
    client(registry.url()).register("s", PAYMENT);

    assertThat(registry.requests().get(0).header("Authorization")).isNull();
  }

  private static String deadUrl() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
