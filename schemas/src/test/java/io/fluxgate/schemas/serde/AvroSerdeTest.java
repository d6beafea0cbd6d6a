package io.fluxgate.schemas.serde;

import static io.fluxgate.schemas.serde.AvroRoundTripTest.payment;
import static io.fluxgate.schemas.serde.AvroRoundTripTest.v1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.client.FakeSchemaRegistry;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.serde.testing.Payment;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  /** As Kafka Streams configures a default serde: the whole Streams configuration, passed on. */
  private Map<String, Object> streamsConfig() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("application.id", "app");
    configs.put("bootstrap.servers", "localhost:9092");
    configs.put("default.value.serde", SpecificAvroSerde.class);
    configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
    return configs;
  }

  @Test
  void shouldRoundTripSpecificRecordsAsAStreamsDefaultSerde() {
    Serde<Payment> serde = new SpecificAvroSerde<>();
    serde.configure(streamsConfig(), false);

    byte[] bytes = serde.serializer().serialize("payments", payment());

    assertThat(serde.deserializer().deserialize("payments", bytes)).isEqualTo(payment());
    assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/payments-value/versions");
  }

  @Test
  void shouldReadIntoTheGivenSpecificClassEvenWhenConfiguredGeneric() {
    Serde<Payment> serde = new SpecificAvroSerde<>(Payment.class);
    Map<String, Object> configs = streamsConfig();
    configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    serde.configure(configs, true);

    byte[] bytes = serde.serializer().serialize("payments", payment());

    assertThat(serde.deserializer().deserialize("payments", bytes)).isEqualTo(payment());
    assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/payments-key/versions");
  }

  @Test
  void shouldReadAnOlderWriterIntoTheGivenSpecificClass() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    Serde<Payment> serde = new SpecificAvroSerde<>(client, Payment.class);
    serde.configure(Map.of(), false);
    byte[] bytes = new AvroSerializer(client, Map.of(), false).serialize("payments", v1("p", 2));

    assertThat(serde.deserializer().deserialize("payments", bytes))
        .isEqualTo(
            Payment.newBuilder()
                .setId("p")
                .setAmount(2)
                .setCurrency("EUR")
                .setAt(Instant.EPOCH)
                .build());
  }

  @Test
  void shouldRoundTripGenericRecordsEvenWhenConfiguredSpecific() {
    Serde<GenericRecord> serde = new GenericAvroSerde();
    Map<String, Object> configs = streamsConfig();
    configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    serde.configure(configs, false);

    byte[] bytes = serde.serializer().serialize("payments", payment());
    GenericRecord read = serde.deserializer().deserialize("payments", bytes);

    assertThat(read).isNotInstanceOf(Payment.class);
    assertThat(read.get("id")).hasToString("p-1");
  }

  @Test
  void shouldBeConfigurableThroughItsSerializerAndDeserializer() {
    GenericAvroSerde serde = new GenericAvroSerde();
    var serializer = serde.serializer();
    var deserializer = serde.deserializer();
    serializer.configure(streamsConfig(), false);

    byte[] bytes = serializer.serialize("payments", v1("p", 1));

    assertThat(deserializer.deserialize("payments", bytes).get("id")).hasToString("p");
  }

  @Test
  void shouldRefuseAValueOfAnotherTypeThanTheSerdes() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    GenericAvroSerde serde = new GenericAvroSerde(client);
    serde.configure(Map.of(), false);
    byte[] bytes = new AvroSerializer(client, Map.of(), false).serialize("payments", "text");

    assertThatThrownBy(() -> serde.deserializer().deserialize("payments", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Expected a org.apache.avro.generic.GenericRecord")
        .hasMessageContaining("java.lang.String");
  }
}
