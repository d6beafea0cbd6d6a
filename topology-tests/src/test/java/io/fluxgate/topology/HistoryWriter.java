package io.fluxgate.topology;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.gateway.core.EventEncoder;
import io.fluxgate.schemas.registry.client.SchemaRegistryClient;
import io.fluxgate.standalone.FluxgatePlatform;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes events into the platform's {@code events} topic as the gateway would, but with record
 * timestamps in the past: the history that queries, seeks and replays read. Values are framed with
 * the generic envelope's registered id, read from the platform's registry over HTTP.
 */
final class HistoryWriter implements AutoCloseable {
  private final EventCodec codec;
  private final int envelopeId;
  private final KafkaProducer<String, byte[]> producer;
  private final EventJson eventJson = new EventJson(EventLimits.defaults(), Clock.systemUTC());

  HistoryWriter(FluxgatePlatform platform) {
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(
            Map.of("schema.registry.url", platform.gatewayUri().toString()));
    this.codec = new EventCodec(registry::schemaById);
    this.envelopeId =
        registry.lookup(EventEncoder.ENVELOPE_SUBJECT, EnvelopeSchemas.generic(), false).id();
    this.producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", platform.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  /** Decodes the platform's record values. */
  EventCodec codec() {
    return codec;
  }

  /**
   * Sends an event of {@code type} keyed (and correlated) by {@code key}, stamped {@code
   * timestamp}, with {@code dataJson} as its data (or none when {@code null}); returns its id.
   */
  String write(String type, String key, Instant timestamp, String dataJson) {
    String id = UUID.randomUUID().toString();
    String json =
        "{\"id\": \""
            + id
            + "\", \"event_type\": \""
            + type
            + "\", \"timestamp\": \""
            + timestamp
            + "\", \"source\": {\"component\": \"it\", \"correlation_id\": \""
            + key
            + "\"}"
            + (dataJson == null ? "" : ", \"data\": " + dataJson)
            + "}";
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            TopicCatalog.DEFAULT_TOPIC,
            null,
            timestamp.toEpochMilli(),
            key,
            codec.encode(envelopeId, eventJson.parseEvent(json.getBytes(StandardCharsets.UTF_8))));
    record.headers().add(PlatformTopics.EVENT_TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
    producer.send(record);
    return id;
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
