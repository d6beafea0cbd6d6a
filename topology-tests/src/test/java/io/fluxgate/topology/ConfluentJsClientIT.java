package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.serde.AvroDeserializer;
import io.fluxgate.schemas.serde.AvroSerdeConfig;
import io.fluxgate.schemas.serde.AvroSerializer;
import io.fluxgate.standalone.FluxgatePlatform;
import io.fluxgate.standalone.StandaloneOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Confluent's official JavaScript registry client and Avro serde ({@code interop/confluent-js}, npm
 * {@code @confluentinc/schemaregistry}) against the whole platform. A Confluent client pointed at
 * Fluxgate must not notice the difference: every registry call answers as Confluent's registry
 * would, and bytes written by Confluent's serializer are read by ours and the other way round,
 * through the same registry.
 */
class ConfluentJsClientIT {
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  @TempDir Path work;

  private static NodeScripts scripts;
  private static FluxgatePlatform platform;
  private static String registryUrl;

  @BeforeAll
  static void startPlatform() throws Exception {
    if (NodeScripts.missing().isPresent()) {
      return; // no broker started for nothing: each test says why it is skipped (or fails on CI)
    }
    scripts = NodeScripts.in(interopDirectory());
    platform = FluxgatePlatform.start(new StandaloneOptions(dataDir, "127.0.0.1", 0, 0, null));
    registryUrl = platform.gatewayUri().toString();
  }

  @BeforeEach
  void requireNode() {
    NodeScripts.assumeAvailable();
  }

  @AfterAll
  static void stopPlatform() throws Exception {
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void shouldAnswerEveryCallOfConfluentsClientAsConfluentsRegistryWould() throws Exception {
    NodeScripts.Run run =
        scripts.node(SCRIPT_TIMEOUT, "registry-client.js", registryUrl, "client-it");

    JsonNode report = assertAllChecksPassed(run);
    assertThat(names(report.get("checks")))
        .as("the calls exercised")
        .contains(
            "register v1 returns a numeric id",
            "getBySubjectAndId returns the schema",
            "getLatestSchemaMetadata after v2",
            "getAllSubjects lists both subjects",
            "getAllVersions",
            "testSubjectCompatibility: optional new field is compatible",
            "testSubjectCompatibility: new required field is incompatible",
            "register an incompatible schema: 409",
            "updateConfig(subject, FULL) echoes the update",
            "updateConfig(subject, {normalize: true}) keeps the level",
            "a schema with data-contract rules is refused, not stripped: 42201",
            "getConfig(subject) after the update",
            "GET /mode is READWRITE",
            "getLatestSchemaMetadata of an unknown subject: 40401",
            "the Avro serde resolves the reference both ways",
            "soft deleteSubjectVersion(1)",
            "GET /subjects?deletedOnly=true lists only soft-deleted subjects",
            "hard deleteSubject")
        .hasSizeGreaterThanOrEqualTo(50);
    assertThat(report.at("/facts/verboseIncompatibility/messages/0").asText())
        .as("a refused schema says why")
        .contains("tenant");
  }

  @Test
  void shouldReadWithOurDeserializerWhatConfluentsSerializerAutoRegistered() throws Exception {
    Path bytesFile = work.resolve("inferred.bin");
    JsonNode written =
        assertAllChecksPassed(
            scripts.node(
                SCRIPT_TIMEOUT,
                "avro-serde.js",
                "serialize",
                registryUrl,
                "js-inferred",
                bytesFile.toString(),
                "inferred"));

    Object read = ourDeserializer().deserialize("js-inferred", Files.readAllBytes(bytesFile));

    assertThat(read).isInstanceOf(GenericRecord.class);
    GenericRecord record = (GenericRecord) read;
    assertThat(record.getSchema().getName()).isEqualTo("Record1");
    assertThat(record.get("name")).hasToString("Ada");
    assertThat(record.get("visits")).isEqualTo(3);
    assertThat(normalized(toJson(record))).isEqualTo(normalized(written.at("/facts/value")));
    assertThat(written.at("/facts/subject").asText()).isEqualTo("js-inferred-value");
  }

  @Test
  void shouldReadWithOurDeserializerAPaymentConfluentsSerializerWrote() throws Exception {
    Path bytesFile = work.resolve("payment.bin");
    JsonNode written =
        assertAllChecksPassed(
            scripts.node(
                SCRIPT_TIMEOUT,
                "avro-serde.js",
                "serialize",
                registryUrl,
                "js-payments",
                bytesFile.toString(),
                "payment.avsc"));

    GenericRecord read =
        (GenericRecord) ourDeserializer().deserialize("js-payments", Files.readAllBytes(bytesFile));

    assertThat(read.getSchema()).isEqualTo(paymentSchema());
    assertThat(read.get("status")).hasToString("PAID");
    assertThat(read.get("createdAt")).isEqualTo(1753439445123L);
    assertThat(read.get("note")).hasToString("héllo ✓");
    assertThat(((GenericRecord) read.get("payer")).get("account")).isEqualTo(4000000000L);
    assertThat(normalized(toJson(read))).isEqualTo(normalized(written.at("/facts/value")));
    // Our serializer finds the schema Confluent's client registered: same subject, same id.
    byte[] ours = ourSerializer().serialize("js-payments", read);
    assertThat(ByteBuffer.wrap(ours, 1, 4).getInt())
        .isEqualTo(written.at("/facts/schemaId").asInt());
  }

  @Test
  void shouldReadWithConfluentsDeserializerWhatOurSerializerWrote() throws Exception {
    GenericRecord payment = javaPayment();
    byte[] bytes = ourSerializer().serialize("java-payments", payment);
    Path bytesFile = work.resolve("java-payment.bin");
    Files.write(bytesFile, bytes);

    JsonNode read =
        assertAllChecksPassed(
            scripts.node(
                SCRIPT_TIMEOUT,
                "avro-serde.js",
                "deserialize",
                registryUrl,
                "java-payments",
                bytesFile.toString()));

    JsonNode value = read.at("/facts/value");
    assertThat(read.at("/facts/schemaId").asInt()).isEqualTo(ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertThat(value.get("status").asText()).isEqualTo("REFUNDED");
    assertThat(value.get("note").isNull()).isTrue();
    assertThat(value.at("/signature/base64").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {9, 8, 7}));
    assertThat(value.at("/payer/account").isNull()).isTrue();
    assertThat(normalized(value)).isEqualTo(normalized(toJson(payment)));
  }

  private static JsonNode assertAllChecksPassed(NodeScripts.Run run) {
    JsonNode report = run.json();
    assertThat(report.get("failed"))
        .as("checks that failed:%n%s%n%s", failures(report), run)
        .isEmpty();
    assertThat(report.get("ok").asBoolean()).as("%s", run).isTrue();
    assertThat(run.exitCode()).as("%s", run).isZero();
    return report;
  }

  private static String failures(JsonNode report) {
    StringBuilder out = new StringBuilder();
    for (JsonNode check : report.path("checks")) {
      if (!check.path("ok").asBoolean()) {
        out.append("  ").append(check).append('\n');
      }
    }
    return out.toString();
  }

  private static List<String> names(JsonNode checks) {
    return StreamSupport.stream(checks.spliterator(), false)
        .map(c -> c.get("name").asText())
        .toList();
  }

  private static AvroDeserializer ourDeserializer() {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    return deserializer;
  }

  private static AvroSerializer ourSerializer() {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
    return serializer;
  }

  private static Schema paymentSchema() throws Exception {
    return new Schema.Parser().parse(scripts.directory().resolve("payment.avsc").toFile());
  }

  private static GenericRecord javaPayment() throws Exception {
    Schema schema = paymentSchema();
    GenericRecord payer = new GenericData.Record(schema.getField("payer").schema());
    payer.put("name", "Linus");
    payer.put("account", null);
    GenericRecord payment = new GenericData.Record(schema);
    payment.put("id", "pay-java-1");
    payment.put("amount", -0.5);
    payment.put("ratio", 1.5f);
    payment.put("quantity", -3);
    // Negative and past 32 bits; avsc refuses longs beyond 2^53 whatever the registry.
    payment.put("createdAt", -4_102_444_800_000L);
    payment.put("settled", false);
    payment.put(
        "status", new GenericData.EnumSymbol(schema.getField("status").schema(), "REFUNDED"));
    payment.put("tags", List.of());
    payment.put("attributes", new LinkedHashMap<>(Map.of("k", "v")));
    payment.put("note", null);
    payment.put("signature", ByteBuffer.wrap(new byte[] {9, 8, 7}));
    payment.put("payer", payer);
    return payment;
  }

  /** An Avro value in the JSON shape the Node scripts print (bytes as {"base64": ...}). */
  private static JsonNode toJson(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof GenericRecord record) {
      ObjectNode object = nodes.objectNode();
      record
          .getSchema()
          .getFields()
          .forEach(f -> object.set(f.name(), toJson(record.get(f.pos()))));
      return object;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((k, v) -> object.set(k.toString(), toJson(v)));
      return object;
    }
    if (value instanceof Iterable<?> items) {
      ArrayNode array = nodes.arrayNode();
      items.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return nodes.objectNode().put("base64", Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?>) {
      return nodes.textNode(value.toString());
    }
    return JSON.valueToTree(value instanceof Float f ? Double.valueOf(f.toString()) : value);
  }

  /** Re-read as text, so that a long 7 and a parsed int 7 compare equal. */
  private static JsonNode normalized(JsonNode node) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(node));
  }

  private static Path interopDirectory() {
    String configured = System.getProperty("fluxgate.interop.confluent-js");
    return (configured != null ? Path.of(configured) : Path.of("..", "interop", "confluent-js"))
        .toAbsolutePath()
        .normalize();
  }
}
