package io.fluxgate.schemas.serde;

import static io.fluxgate.schemas.serde.AvroRoundTripTest.PAYMENT_V1;
import static io.fluxgate.schemas.serde.AvroRoundTripTest.PAYMENT_V2;
import static io.fluxgate.schemas.serde.AvroRoundTripTest.payment;
import static io.fluxgate.schemas.serde.AvroRoundTripTest.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.client.FakeSchemaRegistry;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientException;
import io.fluxgate.schemas.serde.testing.Payment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {
  private static final String PAYMENT_NAME = "io.fluxgate.schemas.serde.testing.Payment";

  private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private Map<String, Object> config(Object... keysAndValues) {
    Map<String, Object> configs = new HashMap<>();
    configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      configs.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return configs;
  }

  private AvroSerializer serializer(boolean isKey, Object... keysAndValues) {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config(keysAndValues), isKey);
    return serializer;
  }

  private Object read(byte[] bytes) {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(config(), false);
    return deserializer.deserialize("payments", bytes);
  }

  private static int id(byte[] bytes) {
    return WireFormat.schemaId(bytes);
  }

  private String path(int request) {
    return registry.requests().get(request).path();
  }

  @Test
  void shouldRegisterUnderTheTopicValueSubjectByDefault() {
    byte[] bytes = serializer(false).serialize("payments", payment());

    assertThat(path(0)).isEqualTo("/subjects/payments-value/versions");
    assertThat(registry.requests()).hasSize(1);
    assertThat(id(bytes)).isEqualTo(1);
  }

  @Test
  void shouldRegisterKeysUnderTheTopicKeySubject() {
    serializer(true).serialize("payments", "p-1");

    assertThat(path(0)).isEqualTo("/subjects/payments-key/versions");
  }

  @Test
  void shouldUseTheRecordNameStrategyByConfluentsClassName() {
    serializer(
            false,
            AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY,
            "io.confluent.kafka.serializers.subject.RecordNameStrategy")
        .serialize("payments", payment());

    assertThat(path(0)).isEqualTo("/subjects/" + PAYMENT_NAME + "/versions");
  }

  @Test
  void shouldUseTheTopicRecordNameStrategyByConfluentsClassNameForKeys() {
    serializer(
            true,
            AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
        .serialize("payments", payment());

    assertThat(path(0)).isEqualTo("/subjects/payments-" + PAYMENT_NAME + "/versions");
  }

  @Test
  void shouldAcceptAStrategyGivenAsAClass() {
    serializer(false, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, TopicRecordNameStrategy.class)
        .serialize("payments", payment());

    assertThat(path(0)).isEqualTo("/subjects/payments-" + PAYMENT_NAME + "/versions");
  }

  @Test
  void shouldOnlyLookUpWhenAutoRegisterIsOff() {
    registry.register("payments-value", "\"string\"");
    int id = registry.register("payments-value", Payment.getClassSchema().toString());

    byte[] bytes =
        serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false)
            .serialize("payments", payment());

    assertThat(id(bytes)).isEqualTo(id);
    assertThat(registry.requests()).hasSize(1);
    assertThat(registry.requests().get(0).method()).isEqualTo("POST");
    assertThat(path(0)).isEqualTo("/subjects/payments-value");
  }

  @Test
  void shouldRefuseASchemaNotRegisteredWhenAutoRegisterIsOff() {
    registry.register("payments-value", "\"string\"");
    AvroSerializer serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);

    assertThatThrownBy(() -> serializer.serialize("payments", payment()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining(PAYMENT_NAME)
        .hasMessageContaining("subject 'payments-value'")
        .hasCauseInstanceOf(SchemaRegistryClientException.class);
    assertThat(registry.requests()).extracting(r -> r.method()).containsOnly("POST");
    assertThat(registry.requests()).noneMatch(r -> r.path().endsWith("/versions"));
  }

  @Test
  void shouldRefuseAnUnknownSubjectWhenAutoRegisterIsOff() {
    AvroSerializer serializer = serializer(false, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);

    assertThatThrownBy(() -> serializer.serialize("payments", payment()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining("Subject 'payments-value' not found");
  }

  @Test
  void shouldWriteWithTheLatestVersionAndNeverRegister() {
    registry.register("payments-value", PAYMENT_V1.toString());
    int latest = registry.register("payments-value", PAYMENT_V2.toString());

    byte[] bytes =
        serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true)
            .serialize("payments", v1("p-1", 12.5));

    assertThat(id(bytes)).isEqualTo(latest);
    GenericRecord read = (GenericRecord) read(bytes);
    assertThat(read.getSchema()).isEqualTo(PAYMENT_V2);
    assertThat(read.get("currency")).hasToString("EUR");
    assertThat(registry.requests())
        .extracting(FakeSchemaRegistry.Request::path)
        .containsExactly("/subjects/payments-value/versions/latest", "/schemas/ids/" + latest);
  }

  @Test
  void shouldWriteAValueOfTheLatestSchemaAsItIs() {
    int latest = registry.register("payments-value", PAYMENT_V1.toString());

    byte[] bytes =
        serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true)
            .serialize("payments", v1("p-1", 12.5));

    assertThat(id(bytes)).isEqualTo(latest);
    assertThat(((GenericRecord) read(bytes)).get("amount")).isEqualTo(12.5);
  }

  @Test
  void shouldRefuseAValueTheLatestVersionCannotRead() {
    Schema strict =
        SchemaBuilder.record("Payment")
            .namespace("io.fluxgate.schemas.serde.testing")
            .fields()
            .requiredString("id")
            .requiredDouble("amount")
            .requiredString("merchant")
            .endRecord();
    registry.register("payments-value", strict.toString());
    AvroSerializer serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true);

    assertThatThrownBy(() -> serializer.serialize("payments", v1("p-1", 12.5)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("use.latest.version")
        .hasMessageContaining("version 1")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .hasMessageContaining("merchant");
  }

  @Test
  void shouldRefuseUseLatestVersionWithoutAnyVersion() {
    AvroSerializer serializer = serializer(false, AvroSerdeConfig.USE_LATEST_VERSION, true);

    assertThatThrownBy(() -> serializer.serialize("payments", payment()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("use.latest.version=true")
        .hasMessageContaining("subject 'payments-value'")
        .hasMessageContaining("not found");
  }

  @Test
  void shouldAskTheRegistryToNormalizeWhenConfigured() {
    serializer(false, AvroSerdeConfig.NORMALIZE_SCHEMAS, true).serialize("payments", payment());

    assertThat(path(0)).isEqualTo("/subjects/payments-value/versions?normalize=true");
  }

  @Test
  void shouldWorkWithAClientGivenProgrammatically() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    AvroSerializer serializer = new AvroSerializer(client, Map.of(), false);

    assertThat(id(serializer.serialize("payments", payment()))).isEqualTo(1);
  }

  @Test
  void shouldFailClearlyWhenTheRegistryIsDown() throws IOException {
    String dead;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "http://127.0.0.1:" + socket.getLocalPort();
    }
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, dead), false);

    assertThatThrownBy(() -> serializer.serialize("payments", payment()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not register schema " + PAYMENT_NAME)
        .hasMessageContaining("Schema registry unreachable at [" + dead + "]");
  }

  @Test
  void shouldFailOverToASecondRegistryUrl() throws IOException {
    String dead;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "http://127.0.0.1:" + socket.getLocalPort();
    }
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, dead + "," + registry.url()), false);

    assertThat(id(serializer.serialize("payments", payment()))).isEqualTo(1);
  }

  @Test
  void shouldRefuseATypeAvroCannotWrite() {
    AvroSerializer serializer = serializer(false);

    assertThatThrownBy(() -> serializer.serialize("payments", new Object()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Cannot serialize a java.lang.Object as Avro");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void shouldRefuseARecordThatDoesNotMatchItsSchema() {
    GenericRecord incomplete = new GenericData.Record(PAYMENT_V1);
    incomplete.put("amount", 1.0);
    AvroSerializer serializer = serializer(false);

    assertThatThrownBy(() -> serializer.serialize("payments", incomplete))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not write a value of schema " + PAYMENT_NAME)
        .hasMessageContaining("topic 'payments'");
  }

  @Test
  void shouldRefuseToSerializeBeforeBeingConfigured() {
    assertThatThrownBy(() -> new AvroSerializer().serialize("payments", "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configure");
  }
}
