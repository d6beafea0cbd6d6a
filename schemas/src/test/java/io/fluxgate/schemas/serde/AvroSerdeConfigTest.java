package io.fluxgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

  @Test
  void shouldUseConfluentsDefaults() {
    AvroSerdeConfig config = new AvroSerdeConfig(Map.of());

    assertThat(config.autoRegisterSchemas()).isTrue();
    assertThat(config.useLatestVersion()).isFalse();
    assertThat(config.normalizeSchemas()).isFalse();
    assertThat(config.specificAvroReader()).isFalse();
    assertThat(config.readerSchema()).isEmpty();
    assertThat(config.subjectNameStrategy(true)).isInstanceOf(TopicNameStrategy.class);
    assertThat(config.subjectNameStrategy(false)).isInstanceOf(TopicNameStrategy.class);
  }

  @Test
  void shouldReadTypedValuesGivenAsStrings() {
    AvroSerdeConfig config =
        new AvroSerdeConfig(
            Map.of(
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                AvroSerdeConfig.SPECIFIC_AVRO_READER, "true",
                AvroSerdeConfig.READER_SCHEMA, "\"string\""));

    assertThat(config.autoRegisterSchemas()).isFalse();
    assertThat(config.specificAvroReader()).isTrue();
    assertThat(config.readerSchema()).contains(Schema.create(Schema.Type.STRING));
  }

  @Test
  void shouldRefuseAnUnknownStrategyWhenConfigured() {
    assertThatThrownBy(
            () ->
                new AvroSerdeConfig(
                    Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "com.example.Nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("com.example.Nope");
  }

  @Test
  void shouldRefuseAReaderSchemaThatIsNotAvro() {
    assertThatThrownBy(
            () -> new AvroSerdeConfig(Map.of(AvroSerdeConfig.READER_SCHEMA, "{\"type\":\"nope\"}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AvroSerdeConfig.READER_SCHEMA)
        .hasMessageContaining("not a valid Avro schema");
  }

  @Test
  void shouldDocumentEveryKey() {
    assertThat(AvroSerdeConfig.configDef().names())
        .contains(
            "schema.registry.url",
            "auto.register.schemas",
            "use.latest.version",
            "normalize.schemas",
            "key.subject.name.strategy",
            "value.subject.name.strategy",
            "specific.avro.reader",
            "fluxgate.reader.schema",
            "latest.cache.ttl.sec",
            "http.connect.timeout.ms",
            "http.read.timeout.ms",
            "basic.auth.credentials.source",
            "basic.auth.user.info");
    assertThat(AvroSerdeConfig.configDef().configKeys().values())
        .allSatisfy(key -> assertThat(key.documentation).isNotBlank());
  }
}
