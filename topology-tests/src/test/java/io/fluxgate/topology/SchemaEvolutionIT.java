package io.fluxgate.topology;

import static io.fluxgate.topology.EventFixtures.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.serde.AvroDeserializer;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typed event type evolving on the real platform: {@code payment.processed} v1, then v2 with a
 * new optional field; events of both shapes are read by Kafka consumers holding the v1 and the v2
 * reader schema and by an HTTP subscriber; an incompatible v3 is refused with its reason.
 */
class SchemaEvolutionIT {
  private static final String SUBJECT = "payment.processed";
  private static final String REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"PaymentProcessed\",\"namespace\":\"com.acme\","
          + "\"fields\":[{\"name\":\"amount\",\"type\":\"double\"},"
          + "{\"name\":\"currency\",\"type\":\"string\"}]}";
  private static final String V2 =
      V1.replace(
          "\"string\"}]}",
          "\"string\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
  private static final String V3 =
      V2.replace(
          "{\"name\":\"amount\",\"type\":\"double\"}", "{\"name\":\"amount\",\"type\":\"string\"}");

  @TempDir static Path dataDir;
  private static FluxgatePlatform platform;
  private static GatewayClient gateway;

  @BeforeAll
  static void startPlatform() throws Exception {
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    gateway = new GatewayClient(platform.gatewayUri());
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldReadBothShapesWithEitherReaderSchemaAndRefuseAnIncompatibleVersion() throws Exception {
    int v1 = register(V1).body().get("id").asInt();
    String subscription = subscribe("payment.*");

    String a = publish("{\"amount\": 10.5, \"currency\": \"EUR\"}");
    GatewayClient.Reply v2Reply = register(V2);
    assertThat(v2Reply.status()).isEqualTo(200);
    int v2 = v2Reply.body().get("id").asInt();
    assertThat(v2).isNotEqualTo(v1);
    String b = publish("{\"amount\": 20, \"currency\": \"USD\"}");
    String c = publish("{\"amount\": 30.25, \"currency\": \"GBP\", \"note\": \"gift\"}");

    // Kafka consumers with each reader schema: every event, resolved to the reader's shape.
    Schema v1Reader = EnvelopeSchemas.typed(new Schema.Parser().parse(V1));
    Schema v2Reader = EnvelopeSchemas.typed(new Schema.Parser().parse(V2));
    List<GenericRecord> readByV1 = consume(v1Reader, 3);
    List<GenericRecord> readByV2 = consume(v2Reader, 3);
    assertThat(readByV1).extracting(r -> r.get("id").toString()).containsExactly(a, b, c);
    assertThat(readByV2).extracting(r -> r.get("id").toString()).containsExactly(a, b, c);
    assertThat(readByV1)
        .extracting(r -> ((GenericRecord) r.get("data")).get("amount"))
        .containsExactly(10.5, 20.0, 30.25);
    assertThat(readByV1)
        .allSatisfy(r -> assertThat(((GenericRecord) r.get("data")).hasField("note")).isFalse());
    assertThat(readByV2)
        .extracting(r -> String.valueOf(((GenericRecord) r.get("data")).get("note")))
        .containsExactly("null", "null", "gift");

    // The HTTP subscriber gets the same events with data as plain JSON.
    List<JsonNode> received = receive(gateway, subscription, 3, Duration.ofSeconds(30));
    assertThat(received).extracting(e -> e.get("id").asText()).containsExactly(a, b, c);
    assertThat(received.get(0).get("data").toString())
        .isEqualTo("{\"amount\":10.5,\"currency\":\"EUR\"}");
    assertThat(received.get(1).get("data").toString())
        .isEqualTo("{\"amount\":20.0,\"currency\":\"USD\",\"note\":null}");
    assertThat(received.get(2).get("data").get("note").asText()).isEqualTo("gift");

    // An incompatible v3 is refused with the field, what was expected and what was found.
    GatewayClient.Reply refused = register(V3);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body().get("error_code").asInt()).isEqualTo(409);
    assertThat(refused.body().get("message").asText())
        .contains("'amount'", "expected string", "found double", "against version 2");
    assertThat(gateway.get("/subjects/" + SUBJECT + "/versions").body().toString())
        .isEqualTo("[1,2]");

    // Data that fits no version is refused at publish time, naming the path.
    GatewayClient.Reply bad =
        gateway.post(
            "/v1/events",
            "application/json",
            "{\"event_type\": \"payment.processed\", \"data\": {\"amount\": \"ten\","
                + " \"currency\": \"EUR\"}}");
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body().get("details").get(0).get("field").asText()).isEqualTo("data.amount");
  }

  private static GatewayClient.Reply register(String schema) throws Exception {
    return gateway.post(
        "/subjects/" + SUBJECT + "/versions",
        REGISTRY_JSON,
        MAPPER.writeValueAsString(Map.of("schema", schema)));
  }

  /** Publishes under one correlation id: one key, one partition, so the order is kept. */
  private static String publish(String data) {
    GatewayClient.Reply reply =
        gateway.post(
            "/v1/events",
            "application/json",
            "{\"event_type\": \""
                + SUBJECT
                + "\", \"correlation_id\": \"payment-1\", \"data\": "
                + data
                + "}");
    assertThat(reply.status()).as("publish %s: %s", data, reply.body()).isEqualTo(201);
    return reply.body().get("id").asText();
  }

  private static String subscribe(String pattern) {
    GatewayClient.Reply created =
        gateway.postJson(
            "/v1/subscriptions", Map.of("name", "typed", "patterns", List.of(pattern)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asText();
    await().atMost(Duration.ofSeconds(5)).until(() -> platform.fanOut().routes().isActive(id));
    return id;
  }

  /** The payment events of the {@code events} topic, read with {@code readerSchema}. */
  private static List<GenericRecord> consume(Schema readerSchema, int expected) {
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", platform.gatewayUri().toString()));
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            platform.bootstrapServers(),
            "group.id",
            "typed-reader-" + readerSchema.hashCode(),
            "auto.offset.reset",
            "earliest",
            "isolation.level",
            "read_committed");
    List<GenericRecord> events = new ArrayList<>();
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            config, new StringDeserializer(), new AvroDeserializer(registry, readerSchema))) {
      consumer.subscribe(List.of("events"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, Object> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  Header type = record.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
                  if (SUBJECT.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                    events.add((GenericRecord) record.value());
                  }
                }
                return events.size() >= expected;
              });
    }
    return events;
  }
}
