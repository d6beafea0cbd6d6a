package io.fluxgate.schemas.serde;

import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/**
 * A Kafka {@code Serde} of {@link GenericRecord}s in Confluent's wire format, e.g. as Kafka
 * Streams' {@code default.value.serde} (with {@code schema.registry.url} in the Streams
 * configuration) or explicitly:
 *
 * <pre>{@code
 * Serde<GenericRecord> serde = new GenericAvroSerde();
 * serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://gateway:8080"), false);
 * builder.stream("payments", Consumed.with(Serdes.String(), serde));
 * }</pre>
 */
public final class GenericAvroSerde extends TypedAvroSerde<GenericRecord> {
  /** For Kafka Streams, which configures it through {@code configure(configs, isKey)}. */
  public GenericAvroSerde() {
    super(GenericRecord.class, false, new AvroSerializer(), new AvroDeserializer());
  }

  /** Uses {@code client} rather than one built from {@code schema.registry.url}; configure next. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    super(GenericRecord.class, false, new AvroSerializer(client), new AvroDeserializer(client));
  }
}
