package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.schemas.registry.client.SchemaRegistryClientException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads values in Confluent's wire format, fetching the writer's schema by the id in each value
 * (once per id). Records come back as GenericRecords, or with {@code specific.avro.reader=true} as
 * the generated SpecificRecord class named by the writer schema's full name; primitives come back
 * as String, Integer, Long, Float, Double, Boolean or byte[]; {@code null} stays {@code null}.
 *
 * <p>The value is resolved from the writer's schema into the reader schema by Avro's rules (added
 * fields take their defaults, removed ones are skipped). The reader schema is, first, one given to
 * the constructor or under {@code fluxgate.reader.schema}; else, when reading specific records, the
 * generated class's; else the writer's own.
 *
 * <pre>{@code
 * props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class);
 * props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://gateway:8080");
 * props.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
 * }</pre>
 *
 * Failures (not the wire format, unknown schema id, truncated data, registry unreachable) are
 * {@link SerializationException}s naming the topic and schema id.
 */
public final class AvroDeserializer implements Deserializer<Object> {
  private final SchemaRegistryClient givenClient;
  private final Schema givenReaderSchema;
  private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private volatile Settings settings;

  /** For Kafka, which configures it through {@link #configure(Map, boolean)}. */
  public AvroDeserializer() {
    this.givenClient = null;
    this.givenReaderSchema = null;
  }

  /** Uses {@code client} rather than one built from {@code schema.registry.url}; configure next. */
  public AvroDeserializer(SchemaRegistryClient client) {
    this(Objects.requireNonNull(client, "client"), null);
  }

  /**
   * Reads every value into {@code readerSchema}, whatever the configuration says; configure next.
   *
   * @param client the registry client, or {@code null} to build one from {@code
   *     schema.registry.url}
   */
  public AvroDeserializer(SchemaRegistryClient client, Schema readerSchema) {
    this.givenClient = client;
    this.givenReaderSchema = readerSchema;
    // Kafka configures only the deserializers it creates from class names; one handed to a
    // consumer as an instance must work as it is: generic records, with the given reader schema.
    if (client != null) {
      this.settings = new Settings(client, false, readerSchema);
    }
  }

  /** Ready to use: {@code client}, configured by {@code configs}, for keys or values. */
  public AvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
    this(client);
    configure(configs, isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    settings =
        new Settings(
            givenClient != null ? givenClient : config.buildClient(),
            config.specificAvroReader(),
            givenReaderSchema != null ? givenReaderSchema : config.readerSchema().orElse(null));
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    Settings current = settings;
    if (current == null) {
      throw new IllegalStateException("AvroDeserializer used before configure(configs, isKey)");
    }
    int id = WireFormat.schemaId(data);
    Schema writer = writerSchema(current, id, topic);
    DatumReader<Object> reader =
        readers.computeIfAbsent(
            new ReaderKey(writer, current.readerSchema(), current.specific()),
            key -> reader(key, id));
    try {
      BinaryDecoder decoder =
          DecoderFactory.get()
              .binaryDecoder(
                  data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH, null);
      return AvroValues.fromAvro(reader.read(null, decoder));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "Could not read the Avro data of a "
              + data.length
              + "-byte value in topic '"
              + topic
              + "' with schema id "
              + id
              + " ("
              + writer.getFullName()
              + "), truncated or not written with that schema: "
              + e,
          e);
    }
  }

  private static Schema writerSchema(Settings settings, int id, String topic) {
    try {
      return settings.client().schemaById(id);
    } catch (SchemaRegistryClientException e) {
      String what =
          e.isSchemaNotFound()
              ? "Unknown schema id " + id + ": the registry has no such schema"
              : "Could not fetch schema id " + id + " from the registry";
      throw new SerializationException(
          what + " (a value in topic '" + topic + "'): " + e.getMessage(), e);
    }
  }

  private static DatumReader<Object> reader(ReaderKey key, int id) {
    Schema writer = key.writer();
    boolean named =
        switch (writer.getType()) {
          case RECORD, ENUM, FIXED -> true;
          default -> false;
        };
    if (key.specific() && (named || key.reader() != null)) {
      Schema reader = key.reader() != null ? key.reader() : specificSchema(writer, id);
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
    Schema reader = key.reader() != null ? key.reader() : writer;
    return new GenericDatumReader<>(writer, reader, GenericData.get());
  }

  private static Schema specificSchema(Schema writer, int id) {
    Class<?> type = SpecificData.get().getClass(writer);
    if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
      throw new SerializationException(
          "specific.avro.reader=true but no generated SpecificRecord class "
              + SpecificData.getClassName(writer)
              + " is on the classpath for schema id "
              + id
              + "; add the generated class, or read generic records");
    }
    return SpecificData.get().getSchema(type);
  }

  private record Settings(SchemaRegistryClient client, boolean specific, Schema readerSchema) {}

  private record ReaderKey(Schema writer, Schema reader, boolean specific) {}
}
