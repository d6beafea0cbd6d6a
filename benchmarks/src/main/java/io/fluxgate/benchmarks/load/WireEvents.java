package io.fluxgate.benchmarks.load;

import io.fluxgate.core.event.EnvelopeSchemas;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.event.RecordKeys;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Events as the gateway writes them to Kafka, for benchmarks that bypass HTTP: the JSON of {@link
 * EventFactory} bound by core's {@link EventJson}, encoded by core's {@link EventCodec} in the
 * generic envelope (Confluent framing with the envelope's registry id), the event type in the
 * {@value PlatformTopics#EVENT_TYPE_HEADER} header and {@link RecordKeys#keyOf} as the key. The
 * fan-out routes and delivery decodes such records exactly like published ones.
 */
public final class WireEvents {
  /** The gateway's topic for every event type the topic rules do not map elsewhere. */
  public static final String EVENTS_TOPIC = "events";

  private final int envelopeId;
  private final int eventBytes;
  private final EventJson json = new EventJson(EventLimits.defaults(), Clock.systemUTC());
  private final EventCodec codec = new EventCodec(id -> EnvelopeSchemas.generic());

  /**
   * {@code envelopeId}: the registry id of the generic envelope ({@link GatewayApi#envelopeId}).
   */
  public WireEvents(int envelopeId, int eventBytes) {
    this.envelopeId = envelopeId;
    this.eventBytes = eventBytes;
  }

  /** The event of this type and id as the gateway would accept it (JSON of {@code eventBytes}). */
  public UniversalEvent event(String eventType, String id) {
    return json.parseEvent(
        new EventFactory(eventType, eventBytes).event(id).getBytes(StandardCharsets.UTF_8));
  }

  /** The record the gateway would write for this event. */
  public ProducerRecord<String, byte[]> record(String topic, String eventType, String id) {
    UniversalEvent event = event(eventType, id);
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        PlatformTopics.EVENT_TYPE_HEADER, event.getEventType().getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        topic, null, null, RecordKeys.keyOf(event), codec.encode(envelopeId, event), headers);
  }

  /**
   * {@code size} distinct records cycling over {@code eventTypes} in order, to be sent round and
   * round: encoding on the fly would cost the producer more than sending.
   */
  public List<ProducerRecord<String, byte[]>> pool(
      String topic, List<String> eventTypes, int size) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      records.add(record(topic, eventTypes.get(i % eventTypes.size()), EventFactory.newId()));
    }
    return records;
  }
}
