package io.fluxgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.registry.client.FakeSchemaRegistry;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.serde.testing.Payment;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroRoundTripTest {
  /** The payment as first published: no currency, no time. */
  static final Schema PAYMENT_V1 =
      SchemaBuilder.record("Payment")
          .namespace("io.fluxgate.schemas.serde.testing")
          .fields()
          .requiredString("id")
          .requiredDouble("amount")
          .endRecord();

  /** A later payment: a currency with a default. */
  static final Schema PAYMENT_V2 =
      SchemaBuilder.record("Payment")
          .namespace("io.fluxgate.schemas.serde.testing")
          .fields()
          .requiredString("id")
          .requiredDouble("amount")
          .name("currency")
          .type()
          .stringType()
          .stringDefault("EUR")
          .endRecord();

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

  private AvroSerializer serializer() {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config(), false);
    return serializer;
  }

  private AvroDeserializer deserializer(Object... keysAndValues) {
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(config(keysAndValues), false);
    return deserializer;
  }

  static GenericRecord v1(String id, double amount) {
    return new GenericRecordBuilder(PAYMENT_V1).set("id", id).set("amount", amount).build();
  }

  static GenericRecord v2(String id, double amount, String currency) {
    return new GenericRecordBuilder(PAYMENT_V2)
        .set("id", id)
        .set("amount", amount)
        .set("currency", currency)
        .build();
  }

  static Payment payment() {
    return Payment.newBuilder()
        .setId("p-1")
        .setAmount(12.5)
        .setCurrency("USD")
        .setAt(Instant.parse("2025-07-25T10:30:45.123Z"))
        .build();
  }

  @Test
  void shouldRoundTripAGenericRecord() {
    byte[] bytes = serializer().serialize("payments", v1("p-1", 12.5));

    Object read = deserializer().deserialize("payments", bytes);

    assertThat(read).isInstanceOf(GenericData.Record.class);
    GenericRecord record = (GenericRecord) read;
    assertThat(record.getSchema()).isEqualTo(PAYMENT_V1);
    assertThat(record.get("id")).hasToString("p-1");
    assertThat(record.get("amount")).isEqualTo(12.5);
  }

  @Test
  void shouldRoundTripASpecificRecordWithLogicalTypes() {
    byte[] bytes = serializer().serialize("payments", payment());

    Object read =
        deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, true).deserialize("payments", bytes);

    assertThat(read).isEqualTo(payment());
  }

  @Test
  void shouldReadASpecificRecordAsGenericByDefault() {
    byte[] bytes = serializer().serialize("payments", payment());

    GenericRecord read = (GenericRecord) deserializer().deserialize("payments", bytes);

    assertThat(read).isNotInstanceOf(Payment.class);
    assertThat(read.get("currency")).hasToString("USD");
    assertThat(read.get("at")).isEqualTo(Instant.parse("2025-07-25T10:30:45.123Z").toEpochMilli());
  }

  @Test
  void shouldFillANewFieldWithItsDefaultWhenTheReaderIsNewer() {
    byte[] bytes = serializer().serialize("payments", v1("p-1", 12.5));

    GenericRecord read =
        (GenericRecord)
            deserializer(AvroSerdeConfig.READER_SCHEMA, PAYMENT_V2.toString())
                .deserialize("payments", bytes);

    assertThat(read.getSchema()).isEqualTo(PAYMENT_V2);
    assertThat(read.get("id")).hasToString("p-1");
    assertThat(read.get("currency")).hasToString("EUR");
  }

  @Test
  void shouldSkipARemovedFieldWhenTheReaderIsOlder() {
    byte[] bytes = serializer().serialize("payments", v2("p-1", 12.5, "USD"));

    GenericRecord read =
        (GenericRecord)
            deserializer(AvroSerdeConfig.READER_SCHEMA, PAYMENT_V1.toString())
                .deserialize("payments", bytes);

    assertThat(read.getSchema()).isEqualTo(PAYMENT_V1);
    assertThat(read.get("amount")).isEqualTo(12.5);
    assertThat(read.getSchema().getField("currency")).isNull();
  }

  @Test
  void shouldReadAnOlderWriterIntoTheSpecificClassWithDefaults() {
    byte[] bytes = serializer().serialize("payments", v1("p-1", 12.5));

    Object read =
        deserializer(AvroSerdeConfig.SPECIFIC_AVRO_READER, true).deserialize("payments", bytes);

    assertThat(read)
        .isEqualTo(
            Payment.newBuilder()
                .setId("p-1")
                .setAmount(12.5)
                .setCurrency("EUR")
                .setAt(Instant.EPOCH)
                .build());
  }

  @Test
  void shouldPreferAReaderSchemaGivenToTheConstructor() {
    SchemaRegistryClient client =
        SchemaRegistryClient.create(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    byte[] bytes = serializer().serialize("payments", v1("p-1", 12.5));
    AvroDeserializer deserializer = new AvroDeserializer(client, PAYMENT_V2);
    deserializer.configure(config(AvroSerdeConfig.READER_SCHEMA, PAYMENT_V1.toString()), false);

    GenericRecord read = (GenericRecord) deserializer.deserialize("payments", bytes);

    assertThat(read.get("currency")).hasToString("EUR");
  }

  @Test
  void shouldRoundTripPrimitivesWithTheirAvroSchemas() {
    AvroSerializer serializer = serializer();
    AvroDeserializer deserializer = deserializer();
    Object[] values = {"héllo", 42, 42L, 1.5f, 2.5d, true, false, ""};

    for (Object value : values) {
      assertThat(deserializer.deserialize("t", serializer.serialize("t", value))).isEqualTo(value);
    }
    byte[] bytes = {1, 2, 3};
    assertThat(deserializer.deserialize("t", serializer.serialize("t", bytes))).isEqualTo(bytes);
    assertThat(registry.requests())
        .filteredOn(r -> r.method().equals("POST"))
        .extracting(r -> r.body())
        .containsExactly(
            "{\"schema\":\"\\\"string\\\"\"}",
            "{\"schema\":\"\\\"int\\\"\"}",
            "{\"schema\":\"\\\"long\\\"\"}",
            "{\"schema\":\"\\\"float\\\"\"}",
            "{\"schema\":\"\\\"double\\\"\"}",
            "{\"schema\":\"\\\"boolean\\\"\"}",
            "{\"schema\":\"\\\"bytes\\\"\"}");
  }

  @Test
  void shouldKeepNullAsNullWithoutAskingTheRegistry() {
    assertThat(serializer().serialize("t", null)).isNull();
    assertThat(deserializer().deserialize("t", null)).isNull();
    assertThat(registry.requests()).isEmpty();
  }

  @Test
  void shouldWriteTheExactConfluentWireFormat() {
    for (int i = 0; i < 300; i++) {
      registry.register("other-" + i, "{\"type\":\"fixed\",\"name\":\"F" + i + "\",\"size\":1}");
    }

    byte[] bytes = serializer().serialize("t", "hi");

    // id 301 = 0x0000012d, then Avro's string: zig-zag length 2 (0x04) and the UTF-8 bytes.
    assertThat(bytes).containsExactly(0, 0, 0, 1, 0x2d, 4, 'h', 'i');
  }
}
