package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.client.RegisteredSchema;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes values in Confluent's wire format (magic byte, schema id, Avro binary), so that any
 * Confluent-compatible consumer can read them. Accepts GenericRecords, SpecificRecords and other
 * Avro containers, and Strings, Integers, Longs, Floats, Doubles, Booleans and byte arrays (written
 * with Avro's primitive schemas); {@code null} stays {@code null}. The schema is registered (or
 * looked up, or taken from the subject's latest version) once; later records use the cached id.
 *
 * <p>Configured by the keys of {@link AvroSerdeConfig}, as Confluent's {@code KafkaAvroSerializer}:
 *
 * <pre>{@code
 * Properties props = new Properties();
 * props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
 * props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
 * props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class);
 * props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://gateway:8080");
 * props.put(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, RecordNameStrategy.class.getName());
 * try (Producer<String, Object> producer = new KafkaProducer<>(props)) {
 *   producer.send(new ProducerRecord<>("payments", payment.getId(), payment));
 * }
 * }</pre>
 *
 * <p>Or, with a client at hand (the gateway, tests): {@code new AvroSerializer(client,
 * Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false)}. Failures are {@link
 * SerializationException}s naming the topic, subject and cause.
 */
public final class AvroSerializer implements Serializer<Object> {
  private final SchemaRegistryClient givenClient;
  private final AvroEncoder encoder = new AvroEncoder();
  private final LatestVersionConverter converter = new LatestVersionConverter(encoder);
  private volatile Settings settings;

  /** For Kafka, which configures it through {@link #configure(Map, boolean)}. */
  public AvroSerializer() {
    this.givenClient = null;
  }

  /** Uses {@code client} rather than one built from {@code schema.registry.url}; configure next. */
  public AvroSerializer(SchemaRegistryClient client) {
    this.givenClient = Objects.requireNonNull(client, "client");
    // Kafka configures only the serializers it creates from class names; one handed to a
    // producer as an instance must work as it is, with the defaults: a value serializer that
    // registers schemas under the topic name strategy.
    this.settings = new Settings(client, new TopicNameStrategy(), false, true, false, false);
  }

  /** Ready to use: {@code client}, configured by {@code configs}, for keys or values. */
  public AvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
    this(client);
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    settings =
        new Settings(
            givenClient != null ? givenClient : config.buildClient(),
            config.subjectNameStrategy(isKey),
            isKey,
            config.autoRegisterSchemas(),
            config.useLatestVersion(),
            config.normalizeSchemas());
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    Settings current = settings;
    if (current == null) {
      throw new IllegalStateException("AvroSerializer used before configure(configs, isKey)");
    }
    Schema schema = AvroValues.schemaOf(data);
    String subject = current.strategy().subjectName(topic, current.isKey(), schema);
    try {
      if (current.useLatestVersion()) {
        RegisteredSchema latest = latestVersion(current, subject, topic);
        Object converted = converter.convert(data, schema, latest);
        return encoder.frame(latest.id(), latest.schema(), converted);
      }
      int id =
          current.autoRegister()
              ? register(current, subject, schema, topic)
              : lookup(current, subject, schema, topic);
      return encoder.frame(id, schema, data);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException serialization) {
        throw serialization;
      }
      throw new SerializationException(
          "Could not write a value of schema "
              + schema.getFullName()
              + " as Avro for topic '"
              + topic
              + "' (subject '"
              + subject
              + "'): "
              + e.getMessage(),
          e);
    }
  }

  private static int register(Settings settings, String subject, Schema schema, String topic) {
    try {
      return settings.client().register(subject, schema, settings.normalize());
    } catch (SchemaRegistryClientException e) {
      throw failure("Could not register schema", schema, subject, topic, e);
    }
  }

  private static int lookup(Settings settings, String subject, Schema schema, String topic) {
    try {
      return settings.client().lookup(subject, schema, settings.normalize()).id();
    } catch (SchemaRegistryClientException e) {
      if (e.isSubjectNotFound() || e.isSchemaNotFound()) {
        throw failure(
            "auto.register.schemas=false and no registered version matches schema",
            schema,
            subject,
            topic,
            e);
      }
      throw failure("Could not look up schema", schema, subject, topic, e);
    }
  }

  private static RegisteredSchema latestVersion(Settings settings, String subject, String topic) {
    try {
      return settings.client().latestVersion(subject);
    } catch (SchemaRegistryClientException e) {
      throw new SerializationException(
          "use.latest.version=true but the latest version of subject '"
              + subject
              + "' (topic '"
              + topic
              + "') could not be fetched: "
              + e.getMessage(),
          e);
    }
  }

  private static SerializationException failure(
      String what, Schema schema, String subject, String topic, SchemaRegistryClientException e) {
    return new SerializationException(
        what
            + " "
            + schema.getFullName()
            + " under subject '"
            + subject
            + "' (topic '"
            + topic
            + "'): "
            + e.getMessage(),
        e);
  }

  private record Settings(
      SchemaRegistryClient client,
      SubjectNameStrategy strategy,
      boolean isKey,
      boolean autoRegister,
      boolean useLatestVersion,
      boolean normalize) {}
}
