package io.fluxgate.gateway.resources;

import static io.fluxgate.gateway.resources.TestGateway.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.DropwizardResourceConfig;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.fluxgate.gateway.GatewayApplication;
import io.fluxgate.gateway.errors.ErrorMapping;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast path answers exactly what Jersey answers. Every request goes over real HTTP to two
 * servers set up like the gateway: one with the fast path in front of Jersey, one with Jersey
 * alone. Status, {@code Content-Type}, {@code Retry-After} and body must be the same, and the
 * records written to Kafka too; requests the fast path should take must not reach Jersey.
 */
class SingleEventFastPathTest {
  private static final String EVENT =
      "{\"id\": \"0b0c3a43-8a2f-4a4e-9f59-1c6d1c1e9a10\", \"event_type\": \"agent.started\","
          + " \"timestamp\": \"2025-07-25T10:00:00.5Z\", \"source\": {\"instance_id\": \"i-1\"},"
          + " \"data\": {\"n\": 1}}";

  private final List<Gateway> gateways = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Gateway gateway : gateways) {
      gateway.server.stop();
    }
  }

  /** One server; {@code jerseyCalls} counts the requests that reached Jersey. */
  private record Gateway(
      Server server, URI uri, AtomicInteger jerseyCalls, MockProducer<?, ?> kafka) {}

  @PreMatching
  private static final class CountingFilter implements ContainerRequestFilter {
    private final AtomicInteger calls;

    CountingFilter(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      calls.incrementAndGet();
    }
  }

  private Gateway start(boolean fastPath, MockProducer<String, byte[]> producer) throws Exception {
    return start(fastPath, producer, "/", Optional.empty());
  }

  /**
   * A server with the application under {@code contextPath} and Jersey under {@code rootPath}
   * ({@code server.applicationContextPath} and {@code server.rootPath} of a configuration).
   */
  private Gateway start(
      boolean fastPath,
      MockProducer<String, byte[]> producer,
      String contextPath,
      Optional<String> rootPath)
      throws Exception {
    ObjectMapper mapper = Jackson.newObjectMapper();
    GatewayApplication.configureObjectMapper(mapper);
    EventsResource resource = TestGateway.eventsResource(producer);
    AtomicInteger jerseyCalls = new AtomicInteger();

    DropwizardResourceConfig jersey = new DropwizardResourceConfig();
    jersey.register(new JacksonFeature(mapper));
    GatewayApplication.errorMappers().forEach(jersey::register);
    jersey.register(resource);
    jersey.register(new CountingFilter(jerseyCalls));

    ServletContextHandler context = new ServletContextHandler(contextPath);
    String jerseyPattern = rootPath.map(r -> r.endsWith("/*") ? r : r + "/*").orElse("/*");
    context.addServlet(new ServletHolder(new ServletContainer(jersey)), jerseyPattern);
    if (fastPath) {
      String path = SingleEventFastPath.pathUnder(rootPath);
      context.addFilter(
          new FilterHolder(
              new SingleEventFastPath(
                  path, resource, mapper, new ErrorMapping(GatewayApplication.errorMappers()))),
          path,
          EnumSet.of(DispatcherType.REQUEST));
    }
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(context);
    server.start();
    Gateway gateway =
        new Gateway(
            server,
            URI.create("http://127.0.0.1:" + connector.getLocalPort()),
            jerseyCalls,
            producer);
    gateways.add(gateway);
    return gateway;
  }

  private record Answer(int status, String contentType, String retryAfter, String body) {}

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static Answer send(
      Gateway gateway, String method, String path, String contentType, String accept, byte[] body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri().resolve(path));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.headers().firstValue("Retry-After").orElse(null),
        response.body());
  }

  private static final class Pair {
    final Gateway fast;
    final Gateway jersey;

    Pair(Gateway fast, Gateway jersey) {
      this.fast = fast;
      this.jersey = jersey;
    }

    /** Sends to both; asserts the answers are equal and returns the fast path's. */
    Answer same(String method, String path, String contentType, String accept, byte[] body)
        throws Exception {
      Answer fastAnswer = send(fast, method, path, contentType, accept, body);
      Answer jerseyAnswer = send(jersey, method, path, contentType, accept, body);
      assertThat(fastAnswer)
          .as("%s %s (%s, accept %s)", method, path, contentType, accept)
          .isEqualTo(jerseyAnswer);
      return fastAnswer;
    }
  }

  private Pair pair() throws Exception {
    return new Pair(
        start(true, TestGateway.acknowledgingProducer()),
        start(false, TestGateway.acknowledgingProducer()));
  }

  @Test
  void answersAPublishLikeJerseyWithoutReachingIt() throws Exception {
    Pair pair = pair();

    Answer answer = pair.same("POST", "/v1/events", "application/json", null, utf8(EVENT));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.contentType()).isEqualTo("application/json");
    JsonNode body = Jackson.newObjectMapper().readTree(answer.body());
    assertThat(body.path("id").asText()).isEqualTo("0b0c3a43-8a2f-4a4e-9f59-1c6d1c1e9a10");
    assertThat(body.path("timestamp").asText()).isEqualTo("2025-07-25T10:00:00.500Z");
    assertThat(pair.fast.jerseyCalls()).hasValue(0);
    assertThat(pair.jersey.jerseyCalls()).hasValue(1);
    assertThat(records(pair.fast)).isEqualTo(records(pair.jersey)).hasSize(1);
  }

  @Test
  void takesJsonWithACharsetAndAcceptHeadersThatPlainlyAcceptJson() throws Exception {
    Pair pair = pair();

    for (String accept : new String[] {"*/*", "application/json", "text/html, application/*"}) {
      Answer answer =
          pair.same("POST", "/v1/events", "application/json; charset=utf-8", accept, utf8(EVENT));
      assertThat(answer.status()).as(accept).isEqualTo(201);
    }
    assertThat(pair.fast.jerseyCalls()).hasValue(0);
    assertThat(records(pair.fast)).isEqualTo(records(pair.jersey)).hasSize(3);
  }

  @Test
  void leavesNegotiationToJersey() throws Exception {
    Pair pair = pair();

    assertThat(
            pair.same("POST", "/v1/events", "application/json", "text/html", utf8(EVENT)).status())
        .isEqualTo(406);
    assertThat(
            pair.same(
                    "POST",
                    "/v1/events",
                    "application/json",
                    "application/json;q=0.9, */*;q=0.1",
                    utf8(EVENT))
                .status())
        .isEqualTo(201);
    assertThat(pair.fast.jerseyCalls()).hasValue(2);
  }

  @Test
  void leavesOtherMethodsAndPathsToJersey() throws Exception {
    Pair pair = pair();

    assertThat(pair.same("GET", "/v1/events", null, null, null).status()).isEqualTo(405);
    assertThat(pair.same("PUT", "/v1/events", "application/json", null, utf8(EVENT)).status())
        .isEqualTo(405);
    String batch = EVENT.replace("0b0c3a43", "1b0c3a43") + "\n";
    assertThat(
            pair.same("POST", "/v1/events/batch", "application/x-ndjson", null, utf8(batch))
                .status())
        .isEqualTo(201);
    assertThat(pair.same("POST", "/v1/events/", "application/json", null, utf8(EVENT)).status())
        .isEqualTo(201);
    assertThat(pair.fast.jerseyCalls()).hasValue(4);
  }

  @Test
  void refusesBadRequestsWithJerseysAnswers() throws Exception {
    Pair pair = pair();
    Map<String, Answer> answers = new LinkedHashMap<>();
    String tooLarge = "{\"event_type\": \"a.b\", \"data\": \"" + "x".repeat(1024 * 1024) + "\"}";

    answers.put("wrong type", pair.same("POST", "/v1/events", "text/plain", null, utf8(EVENT)));
    answers.put(
        "ndjson", pair.same("POST", "/v1/events", "application/x-ndjson", null, utf8(EVENT)));
    answers.put("empty", pair.same("POST", "/v1/events", "application/json", null, new byte[0]));
    answers.put("no content type", pair.same("POST", "/v1/events", null, null, utf8("{")));
    answers.put(
        "invalid type",
        pair.same(
            "POST", "/v1/events", "application/json", null, utf8("{\"event_type\": \"A..b\"}")));
    answers.put(
        "too large", pair.same("POST", "/v1/events", "application/json", null, utf8(tooLarge)));
    for (Map.Entry<String, byte[]> hostile : HostileBodiesTest.hostileBodies().entrySet()) {
      answers.put(
          hostile.getKey(),
          pair.same("POST", "/v1/events", "application/json", null, hostile.getValue()));
    }

    assertThat(answers.get("wrong type").status()).isEqualTo(415);
    assertThat(answers.get("ndjson").status()).isEqualTo(415);
    assertThat(answers.get("empty").status()).isEqualTo(400);
    assertThat(answers.get("invalid type").status()).isEqualTo(422);
    assertThat(answers.get("too large").status()).isEqualTo(413);
    assertThat(answers.values())
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).isBetween(400, 499);
              assertThat(answer.contentType()).isEqualTo("application/json");
              assertThat(answer.body()).contains("\"error\"");
            });
    assertThat(pair.fast.jerseyCalls()).hasValue(0);
    assertThat(pair.fast.kafka().history()).isEmpty();
  }

  @Test
  void answers503WithRetryAfterLikeJerseyWhenKafkaDoesNotAcknowledge() throws Exception {
    Pair pair = new Pair(start(true, failingProducer()), start(false, failingProducer()));

    Answer answer = pair.same("POST", "/v1/events", "application/json", null, utf8(EVENT));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.retryAfter()).isEqualTo("1");
    assertThat(answer.body()).contains("\"unavailable\"");
    assertThat(pair.fast.jerseyCalls()).hasValue(0);
  }

  @Test
  void answersADefectWith500AndAnIncidentLikeJersey() throws Exception {
    MockProducer<String, byte[]> broken = brokenProducer();
    Gateway fast = start(true, broken);
    Gateway jersey = start(false, brokenProducer());

    Answer fastAnswer = send(fast, "POST", "/v1/events", "application/json", null, utf8(EVENT));
    Answer jerseyAnswer = send(jersey, "POST", "/v1/events", "application/json", null, utf8(EVENT));

    assertThat(fastAnswer.status()).isEqualTo(jerseyAnswer.status()).isEqualTo(500);
    assertThat(fastAnswer.contentType()).isEqualTo(jerseyAnswer.contentType());
    // The incident id is random; the rest of the message is the same.
    assertThat(fastAnswer.body().replaceAll("incident [0-9a-f]+", "incident X"))
        .isEqualTo(jerseyAnswer.body().replaceAll("incident [0-9a-f]+", "incident X"))
        .contains("internal_error");
    assertThat(fast.jerseyCalls()).hasValue(0);
  }

  @Test
  void followsTheApplicationContextPathAndJerseysRootPath() throws Exception {
    Pair pair =
        new Pair(
            start(true, TestGateway.acknowledgingProducer(), "/ctx", Optional.of("/api/*")),
            start(false, TestGateway.acknowledgingProducer(), "/ctx", Optional.of("/api/*")));

    Answer published =
        pair.same("POST", "/ctx/api/v1/events", "application/json", null, utf8(EVENT));
    // Outside Jersey the server answers (its error page names the port): same status, nothing sent.
    for (String elsewhere : new String[] {"/ctx/v1/events", "/api/v1/events", "/v1/events"}) {
      Answer fast = send(pair.fast, "POST", elsewhere, "application/json", null, utf8(EVENT));
      Answer jersey = send(pair.jersey, "POST", elsewhere, "application/json", null, utf8(EVENT));
      assertThat(fast.status()).as(elsewhere).isEqualTo(jersey.status()).isBetween(404, 405);
    }

    assertThat(published.status()).isEqualTo(201);
    assertThat(pair.fast.jerseyCalls()).hasValue(0);
    assertThat(records(pair.fast)).isEqualTo(records(pair.jersey)).hasSize(1);
  }

  @Test
  void findsTheResourceUnderEveryFormOfTheRootPath() {
    assertThat(SingleEventFastPath.pathUnder(Optional.empty())).isEqualTo("/v1/events");
    assertThat(SingleEventFastPath.pathUnder(Optional.of("/*"))).isEqualTo("/v1/events");
    assertThat(SingleEventFastPath.pathUnder(Optional.of("/"))).isEqualTo("/v1/events");
    assertThat(SingleEventFastPath.pathUnder(Optional.of("/api/*"))).isEqualTo("/api/v1/events");
    assertThat(SingleEventFastPath.pathUnder(Optional.of("/api/"))).isEqualTo("/api/v1/events");
    assertThat(SingleEventFastPath.pathUnder(Optional.of("api"))).isEqualTo("/api/v1/events");
  }

  @Test
  void acceptsPlainJsonOnlyWithoutParametersToWeigh() {
    assertThat(SingleEventFastPath.acceptsPlainJson(null)).isTrue();
    assertThat(SingleEventFastPath.acceptsPlainJson(" ")).isTrue();
    assertThat(SingleEventFastPath.acceptsPlainJson("*/*")).isTrue();
    assertThat(SingleEventFastPath.acceptsPlainJson("Application/JSON")).isTrue();
    assertThat(SingleEventFastPath.acceptsPlainJson("text/plain, application/*")).isTrue();
    assertThat(SingleEventFastPath.acceptsPlainJson("text/html")).isFalse();
    assertThat(SingleEventFastPath.acceptsPlainJson("application/json;q=0")).isFalse();
    assertThat(SingleEventFastPath.acceptsPlainJson("application/xml")).isFalse();
  }

  private static List<String> records(Gateway gateway) {
    List<String> records = new ArrayList<>();
    for (Object sent : gateway.kafka().history()) {
      ProducerRecord<?, ?> record = (ProducerRecord<?, ?>) sent;
      records.add(
          record.topic()
              + " "
              + record.key()
              + " "
              + java.util.HexFormat.of().formatHex((byte[]) record.value()));
    }
    return records;
  }

  /** Takes every record and fails its acknowledgement, as when the ISR shrank below min. */
  private static MockProducer<String, byte[]> failingProducer() {
    return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(
          ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback cb) {
        Future<RecordMetadata> ack = super.send(record, cb);
        errorNext(new NotEnoughReplicasException("not enough in-sync replicas"));
        return ack;
      }
    };
  }

  /** A defect: the producer throws what no code expects. */
  private static MockProducer<String, byte[]> brokenProducer() {
    return new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
      @Override
      public synchronized Future<RecordMetadata> send(
          ProducerRecord<String, byte[]> record, org.apache.kafka.clients.producer.Callback cb) {
        throw new ArrayIndexOutOfBoundsException("a bug");
      }
    };
  }
}
