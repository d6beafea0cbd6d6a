package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.AvroSchemas;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@link AvroSerializer} and {@link AvroDeserializer}: the registry client's keys plus
 * the serde's, under Confluent's names (except {@link #READER_SCHEMA}, which is ours).
 */
public final class AvroSerdeConfig extends SchemaRegistryClientConfig {
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String READER_SCHEMA = "fluxgate.reader.schema";

  private static final ConfigDef DEFINITION = serdeConfigDef();

  public AvroSerdeConfig(Map<String, ?> configs) {
    super(DEFINITION, classesAsNames(configs));
  }

  /** The documented keys, e.g. for generating documentation with {@code toHtml()}. */
  public static ConfigDef configDef() {
    return new ConfigDef(DEFINITION);
  }

  private static ConfigDef serdeConfigDef() {
    ConfigDef.Validator strategy =
        (name, value) -> {
          if (value != null) {
            SubjectNameStrategy.forClassName((String) value);
          }
        };
    return new ConfigDef(SchemaRegistryClientConfig.configDef())
        .define(
            AUTO_REGISTER_SCHEMAS,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            "Whether the serializer registers the schema of a value it has not seen. When false,"
                + " the schema must already be registered under the subject, else serializing"
                + " fails.")
        .define(
            USE_LATEST_VERSION,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Whether the serializer writes with the latest version of the subject instead of the"
                + " value's own schema; the value must then be readable by that version (Avro"
                + " schema resolution). When true the serializer never registers, whatever "
                + AUTO_REGISTER_SCHEMAS
                + " says.")
        .define(
            NORMALIZE_SCHEMAS,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Whether the registry is asked to normalize schemas before comparing them.")
        .define(
            KEY_SUBJECT_NAME_STRATEGY,
            Type.STRING,
            TopicNameStrategy.class.getName(),
            strategy,
            Importance.MEDIUM,
            "The SubjectNameStrategy naming the subject of keys: TopicNameStrategy,"
                + " RecordNameStrategy or TopicRecordNameStrategy, by our class name or"
                + " Confluent's (io.confluent.kafka.serializers.subject.*), or another"
                + " implementation's class name.")
        .define(
            VALUE_SUBJECT_NAME_STRATEGY,
            Type.STRING,
            TopicNameStrategy.class.getName(),
            strategy,
            Importance.MEDIUM,
            "The SubjectNameStrategy naming the subject of values; see "
                + KEY_SUBJECT_NAME_STRATEGY
                + ".")
        .define(
            SPECIFIC_AVRO_READER,
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Whether the deserializer returns generated SpecificRecord classes (the class named"
                + " by the writer schema's full name, or by "
                + READER_SCHEMA
                + ") instead of GenericRecords.")
        .define(
            READER_SCHEMA,
            Type.STRING,
            null,
            (name, value) -> {
              if (value != null) {
                parseReaderSchema((String) value);
              }
            },
            Importance.LOW,
            "An Avro schema (JSON) the deserializer reads every value into, resolving it from the"
                + " writer's schema; without it, values are read with the writer's schema (or the"
                + " specific class's).");
  }

  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION);
  }

  public boolean normalizeSchemas() {
    return getBoolean(NORMALIZE_SCHEMAS);
  }

  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER);
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return SubjectNameStrategy.forClassName(
        getString(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY));
  }

  public Optional<Schema> readerSchema() {
    return Optional.ofNullable(getString(READER_SCHEMA)).map(AvroSerdeConfig::parseReaderSchema);
  }

  private static Schema parseReaderSchema(String text) {
    try {
      return AvroSchemas.parse(text, List.of());
    } catch (SchemaRegistryException e) {
      throw new ConfigException(READER_SCHEMA, text, "not a valid Avro schema: " + e.getMessage());
    }
  }

  /** Kafka Streams and hand-written maps may give a strategy as a Class rather than its name. */
  private static Map<String, Object> classesAsNames(Map<String, ?> configs) {
    Map<String, Object> copy = new HashMap<>(configs);
    for (String key : new String[] {KEY_SUBJECT_NAME_STRATEGY, VALUE_SUBJECT_NAME_STRATEGY}) {
      if (copy.get(key) instanceof Class<?> type) {
        copy.put(key, type.getName());
      }
    }
    return copy;
  }
}
