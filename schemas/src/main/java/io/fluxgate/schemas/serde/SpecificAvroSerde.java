package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A Kafka {@code Serde} of generated {@link SpecificRecord} classes in Confluent's wire format.
 * With the no-argument constructor (Kafka Streams' {@code default.value.serde}), values are read
 * into the class named by the writer schema's full name; given the class, values are read into it
 * whatever the writer's name, resolving from the writer's schema:
 *
 * <pre>{@code
 * Serde<Payment> serde = new SpecificAvroSerde<>(Payment.class);
 * serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://gateway:8080"), false);
 * builder.stream("payments", Consumed.with(Serdes.String(), serde));
 * }</pre>
 */
public final class SpecificAvroSerde<T extends SpecificRecord> extends TypedAvroSerde<T> {
  /** For Kafka Streams, which configures it through {@code configure(configs, isKey)}. */
  @SuppressWarnings("unchecked")
  public SpecificAvroSerde() {
    super((Class<T>) SpecificRecord.class, true, new AvroSerializer(), new AvroDeserializer());
  }

  /** Reads values into {@code type}; configure next. */
  public SpecificAvroSerde(Class<T> type) {
    super(
        type,
        true,
        new AvroSerializer(),
        new AvroDeserializer(null, SpecificData.get().getSchema(type)));
  }

  /** Uses {@code client} and reads values into {@code type}; configure next. */
  public SpecificAvroSerde(SchemaRegistryClient client, Class<T> type) {
    super(
        type,
        true,
        new AvroSerializer(client),
        new AvroDeserializer(client, SpecificData.get().getSchema(type)));
  }
}
