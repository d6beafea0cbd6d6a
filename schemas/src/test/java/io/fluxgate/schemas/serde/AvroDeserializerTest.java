package io.fluxgate.schemas.serde;

import static io.fluxgate.schemas.serde.AvroRoundTripTest.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.client.FakeSchemaRegistry;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroDeserializerTest {
  private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private AvroDeserializer deserializer(boolean specific) {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(
        Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL,
            registry.url(),
            AvroSerdeConfig.SPECIFIC_AVRO_READER,
            specific),
        false);
    return deserializer;
  }

  private byte[] serialize(Object value) {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);
    return serializer.serialize("payments", value);
  }

  @Test
  void shouldRefuseAnUnknownMagicByteWithoutAskingTheRegistry() {
    AvroDeserializer deserializer = deserializer(false);

    assertThatThrownBy(() -> deserializer.deserialize("payments", new byte[] {7, 0, 0, 0, 1, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown magic byte 0x07");
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void shouldRefuseAValueShorterThanTheHeader() {
    assertThatThrownBy(() -> deserializer(false).deserialize("payments", new byte[] {0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void shouldNameAnUnknownSchemaId() {
    AvroDeserializer deserializer = deserializer(false);

    assertThatThrownBy(() -> deserializer.deserialize("payments", new byte[] {0, 0, 0, 0, 99, 2}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema id 99")
        .hasMessageContaining("topic 'payments'")
        .cause()
        .isInstanceOfSatisfying(
            SchemaRegistryClientException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
  }

  @Test
  void shouldRefuseTruncatedData() {
    byte[] whole = serialize(payment());
    byte[] truncated = Arrays.copyOf(whole, whole.length - 3);
    AvroDeserializer deserializer = deserializer(true);

    assertThatThrownBy(() -> deserializer.deserialize("payments", truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("schema id 1");
  }

  @Test
  void shouldRefuseAHeaderWithoutData() {
    serialize(payment());
    AvroDeserializer deserializer = deserializer(false);

    assertThatThrownBy(() -> deserializer.deserialize("payments", new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void shouldFailClearlyWhenTheRegistryIsDown() throws IOException {
    byte[] bytes = serialize("x");
    String dead;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "http://127.0.0.1:" + socket.getLocalPort();
    }
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, dead), false);

    assertThatThrownBy(() -> deserializer.deserialize("payments", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Could not fetch schema id 1")
        .hasMessageContaining("unreachable");
  }

  @Test
  void shouldSayWhenNoSpecificClassMatchesTheWriter() {
    byte[] bytes =
        serialize(
            new GenericRecordBuilder(
                    SchemaBuilder.record("Unknown")
                        .namespace("com.example")
                        .fields()
                        .requiredInt("n")
                        .endRecord())
                .set("n", 1)
                .build());
    AvroDeserializer deserializer = deserializer(true);

    assertThatThrownBy(() -> deserializer.deserialize("payments", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("specific.avro.reader=true")
        .hasMessageContaining("com.example.Unknown");
  }

  @Test
  void shouldReadPrimitivesGenericallyEvenInSpecificMode() {
    assertThat(deserializer(true).deserialize("payments", serialize("x"))).isEqualTo("x");
  }

  @Test
  void shouldWorkWithoutConfigureWhenBuiltWithAClientAsKafkaDoesNotConfigureInstances() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    byte[] bytes = new AvroSerializer(client).serialize("payments", "hello");

    assertThat(new AvroDeserializer(client).deserialize("payments", bytes)).isEqualTo("hello");
    assertThat(new AvroDeserializer(client, null).deserialize("payments", bytes))
        .isEqualTo("hello");
    assertThat(registry.requests())
        .filteredOn(r -> r.method().equals("POST"))
        .extracting(FakeSchemaRegistry.Request::path)
        .containsExactly("/subjects/payments-value/versions");
  }

  @Test
  void shouldRefuseToDeserializeBeforeBeingConfigured() {
    assertThatThrownBy(() -> new AvroDeserializer().deserialize("t", new byte[] {0, 0, 0, 0, 1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("configure");
  }
}
