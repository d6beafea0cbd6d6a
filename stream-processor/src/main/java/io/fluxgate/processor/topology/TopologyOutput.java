package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.RecordKeys;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How a topology publishes its results "back through the catalog": as UniversalEvents, validated
 * like published ones ({@link EventJson}), encoded by {@code encoder} (the generic envelope in the
 * Confluent wire format), keyed and headed as the gateway does, on the topic the catalog gives
 * their type. So they can be subscribed to, aggregated and correlated like any other event.
 *
 * <pre>{@code
 * TopologyOutput output = new TopologyOutput(catalog, eventJson, e -> codec.encode(envelopeId, e));
 * Record<String, byte[]> record = output.record(json, timestampMillis);
 * }</pre>
 */
public final class TopologyOutput {
  /** {@code source.component} of every result event. */
  public static final String COMPONENT = "fluxgate-topology";

  private final TopicCatalog catalog;
  private final EventJson eventJson;
  private final Function<UniversalEvent, byte[]> encoder;

  public TopologyOutput(
      TopicCatalog catalog, EventJson eventJson, Function<UniversalEvent, byte[]> encoder) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.eventJson = Objects.requireNonNull(eventJson, "eventJson");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /** The topic events of {@code eventType} go to. */
  public String topicFor(String eventType) {
    return catalog.resolve(eventType).topic();
  }

  /**
   * The record of the event written as {@code json} (a UniversalEvent's JSON), stamped {@code
   * timestamp}.
   *
   * @throws io.fluxgate.core.event.EventRejectedException when it is not a valid event
   */
  Record<String, byte[]> record(ObjectNode json, long timestamp) {
    UniversalEvent event = eventJson.parseEvent(json.toString().getBytes(StandardCharsets.UTF_8));
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        PlatformTopics.EVENT_TYPE_HEADER, event.getEventType().getBytes(StandardCharsets.UTF_8));
    String correlationId = RecordKeys.correlationIdOf(event);
    if (correlationId != null) {
      headers.add(
          PlatformTopics.CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    }
    return new Record<>(RecordKeys.keyOf(event), encoder.apply(event), timestamp, headers);
  }
}
