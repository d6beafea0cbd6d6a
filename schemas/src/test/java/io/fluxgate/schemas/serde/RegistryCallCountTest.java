package io.fluxgate.schemas.serde;

import static io.fluxgate.schemas.serde.AvroRoundTripTest.PAYMENT_V2;
import static io.fluxgate.schemas.serde.AvroRoundTripTest.v1;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.registry.client.FakeSchemaRegistry;
import io.fluxgate.schemas.serde.testing.Payment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry is asked once per schema, never once per record. */
class RegistryCallCountTest {
  private static final int RECORDS = 1_000;

  private final FakeSchemaRegistry registry = FakeSchemaRegistry.start();

  @AfterEach
  void stop() {
    registry.close();
  }

  private Map<String, Object> config(Object... more) {
    Map<String, Object> configs =
        new java.util.HashMap<>(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));
    for (int i = 0; i < more.length; i += 2) {
      configs.put((String) more[i], more[i + 1]);
    }
    return configs;
  }

  @Test
  void shouldCallTheRegistryOncePerSchemaAcrossAThousandRecordsEachWay() {
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config(), false);
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(config(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
    List<byte[]> written = new ArrayList<>();

    for (int i = 0; i < RECORDS; i++) {
      written.add(serializer.serialize("payments", payment(i)));
      written.add(serializer.serialize("payments", "note " + i));
    }
    for (int i = 0; i < RECORDS; i++) {
      assertThat(deserializer.deserialize("payments", written.get(2 * i))).isEqualTo(payment(i));
      assertThat(deserializer.deserialize("payments", written.get(2 * i + 1)))
          .isEqualTo("note " + i);
    }

    assertThat(registry.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactlyInAnyOrder(
            "POST /subjects/payments-value/versions",
            "POST /subjects/payments-value/versions",
            "GET /schemas/ids/1",
            "GET /schemas/ids/2");
  }

  @Test
  void shouldLookUpOnceWhenAutoRegisterIsOff() {
    registry.register("payments-value", Payment.getClassSchema().toString());
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

    for (int i = 0; i < RECORDS; i++) {
      serializer.serialize("payments", payment(i));
    }

    assertThat(registry.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("POST /subjects/payments-value");
  }

  @Test
  void shouldFetchTheLatestVersionOnceWithinItsTimeToLive() {
    int latest = registry.register("payments-value", PAYMENT_V2.toString());
    AvroSerializer serializer = new AvroSerializer();
    serializer.configure(config(AvroSerdeConfig.USE_LATEST_VERSION, true), false);
    AvroDeserializer deserializer = new AvroDeserializer();
    deserializer.configure(config(), false);

    for (int i = 0; i < RECORDS; i++) {
      byte[] bytes = serializer.serialize("payments", v1("p-" + i, i));
      assertThat(((GenericRecord) deserializer.deserialize("payments", bytes)).get("currency"))
          .hasToString("EUR");
    }

    assertThat(registry.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "GET /subjects/payments-value/versions/latest", "GET /schemas/ids/" + latest);
  }

  private static Payment payment(int i) {
    return Payment.newBuilder()
        .setId("p-" + i)
        .setAmount(i)
        .setAt(Instant.ofEpochMilli(1_750_000_000_000L + i))
        .build();
  }
}
