package io.fluxgate.core.event;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;

/**
 * Chooses the Kafka record key of an event: {@code source.correlation_id} when present, else {@code
 * source.instance_id}, else the event {@code id}. Empty strings count as absent.
 *
 * <pre>{@code
 * producer.send(new ProducerRecord<>(topic, RecordKeys.keyOf(event), EventCodec.encode(event)));
 * }</pre>
 */
public final class RecordKeys {

  private RecordKeys() {}

  /** The record key for {@code event}. */
  public static String keyOf(UniversalEvent event) {
    EventSource source = event.getSource();
    if (source != null) {
      if (present(source.getCorrelationId())) {
        return source.getCorrelationId();
      }
      if (present(source.getInstanceId())) {
        return source.getInstanceId();
      }
    }
    return event.getId();
  }

  /** The event's {@code source.correlation_id}, or null when it has none (or an empty one). */
  public static String correlationIdOf(UniversalEvent event) {
    EventSource source = event.getSource();
    return source != null && present(source.getCorrelationId()) ? source.getCorrelationId() : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }
}
