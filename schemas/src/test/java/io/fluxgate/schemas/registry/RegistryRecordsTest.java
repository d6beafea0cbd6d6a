package io.fluxgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryRecordsTest {
  private static final RegisteredSchema ORDER =
      new RegisteredSchema(
          "orders",
          2,
          7,
          "AVRO",
          "{\"type\":\"record\",\"name\":\"Order\",\"fields\":[]}",
          List.of(new SchemaReference("com.acme.Money", "money", 1)));

  @Test
  void shouldRoundTripEveryKindOfRecord() {
    List<RegistryRecord> records =
        List.of(
            RegistryRecord.SchemaVersion.live(ORDER),
            RegistryRecord.SchemaVersion.softDeleted(ORDER),
            RegistryRecord.SchemaVersion.tombstone("orders", 2),
            new RegistryRecord.Config(null, CompatibilityLevel.FULL),
            new RegistryRecord.Config("orders", CompatibilityLevel.NONE),
            new RegistryRecord.Config("orders", null),
            new RegistryRecord.Mode(null, RegistryMode.IMPORT),
            new RegistryRecord.Mode("orders", null),
            new RegistryRecord.IdHighWater(7));

    for (RegistryRecord record : records) {
      Entry entry = RegistryRecords.encode(record);

      assertThat(RegistryRecords.decode(entry.key(), entry.value())).contains(record);
    }
  }

  @Test
  void shouldWriteTheDocumentedCompactJson() {
    Entry entry = RegistryRecords.encode(RegistryRecord.SchemaVersion.live(ORDER));

    assertThat(text(entry.key()))
        .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"orders\",\"version\":2}");
    assertThat(text(entry.value()))
        .isEqualTo(
            "{\"subject\":\"orders\",\"version\":2,\"id\":7,\"schemaType\":\"AVRO\","
                + "\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Order\\\","
                + "\\\"fields\\\":[]}\",\"references\":[{\"name\":\"com.acme.Money\","
                + "\"subject\":\"money\",\"version\":1}],\"deleted\":false}");
    assertThat(
            text(
                RegistryRecords.encode(new RegistryRecord.Config(null, CompatibilityLevel.FULL))
                    .key()))
        .isEqualTo("{\"keytype\":\"CONFIG\"}");
  }

  @Test
  void shouldGiveEveryStateOfAVersionTheSameKeySoCompactionKeepsTheLast() {
    byte[] live = RegistryRecords.encode(RegistryRecord.SchemaVersion.live(ORDER)).key();
    byte[] deleted = RegistryRecords.encode(RegistryRecord.SchemaVersion.softDeleted(ORDER)).key();
    byte[] tombstone =
        RegistryRecords.encode(RegistryRecord.SchemaVersion.tombstone("orders", 2)).key();

    assertThat(live).isEqualTo(deleted).isEqualTo(tombstone);
    assertThat(RegistryRecords.encode(RegistryRecord.SchemaVersion.tombstone("orders", 2)).value())
        .isNull();
  }

  @Test
  void shouldDecodeUnknownKeyTypesToNothing() {
    assertThat(RegistryRecords.decode(bytes("{\"keytype\":\"NOOP\"}"), bytes("{}"))).isEmpty();
  }

  @Test
  void shouldRefuseMalformedRecords() {
    for (String[] kv :
        new String[][] {
          {"not json", "{}"},
          {"[1]", "{}"},
          {"{\"keytype\":\"SCHEMA\",\"subject\":\"s\"}", "{}"},
          {"{\"keytype\":\"CONFIG\"}", "{\"compatibilityLevel\":\"SIDEWAYS\"}"},
          {"{\"keytype\":\"MODE\"}", "{\"mode\":7}"},
          {"{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}", "{\"subject\":\"s\"}"},
          {
            "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1}",
            "{\"subject\":\"t\",\"version\":1,\"id\":1,\"schemaType\":\"AVRO\",\"schema\":\"x\"}"
          }
        }) {
      assertThatThrownBy(() -> RegistryRecords.decode(bytes(kv[0]), bytes(kv[1])))
          .as("%s = %s", kv[0], kv[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
