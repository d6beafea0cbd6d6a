package io.fluxgate.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@link AvroSerializer} and {@link AvroDeserializer} pair, typed to {@code T} for Kafka
 * Streams: {@code configure} passes through to both, with {@code specific.avro.reader} fixed to
 * what the serde reads.
 */
abstract class TypedAvroSerde<T> implements Serde<T> {
  private final Class<T> type;
  private final boolean specific;
  private final AvroSerializer serializer;
  private final AvroDeserializer deserializer;

  TypedAvroSerde(
      Class<T> type, boolean specific, AvroSerializer serializer, AvroDeserializer deserializer) {
    this.type = type;
    this.specific = specific;
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    Map<String, Object> reading = new HashMap<>(configs);
    reading.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, specific);
    deserializer.configure(reading, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        TypedAvroSerde.this.configure(configs, isKey);
      }

      @Override
      public byte[] serialize(String topic, T data) {
        return serializer.serialize(topic, data);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        TypedAvroSerde.this.configure(configs, isKey);
      }

      @Override
      public T deserialize(String topic, byte[] data) {
        Object value = deserializer.deserialize(topic, data);
        if (value == null || type.isInstance(value)) {
          return type.cast(value);
        }
        throw new SerializationException(
            "Expected a "
                + type.getName()
                + " in topic '"
                + topic
                + "' but the value read is a "
                + value.getClass().getName());
      }
    };
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
