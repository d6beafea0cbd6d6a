package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of the timelines, run by the fan-out ({@link TimelineTopology#correlatedFeed}): keeps
 * events that have a {@code source.correlation_id}, keyed by it and stamped with the event's own
 * time, as the event's JSON (so a timeline reads without the registry). Only records with the
 * {@link PlatformTopics#CORRELATION_ID_HEADER} header are decoded; the others pass at the cost of a
 * header lookup. Values that do not decode are skipped.
 */
final class TimelineInputProcessor implements Processor<byte[], byte[], String, byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(TimelineInputProcessor.class);

  private final EventSelector selector;
  private final EventJson eventJson;
  private ProcessorContext<String, byte[]> context;

  TimelineInputProcessor(EventSelector selector, EventJson eventJson) {
    this.selector = selector;
    this.eventJson = eventJson;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    if (record.headers().lastHeader(PlatformTopics.CORRELATION_ID_HEADER) == null) {
      return; // uncorrelated: skipped without decoding, as most events are
    }
    String type = EventSelector.eventType(record.headers());
    if (type == null || !selector.matchesType(type)) {
      return;
    }
    Optional<UniversalEvent> decoded;
    try {
      decoded = selector.event(record.value());
    } catch (EventSelector.UndecodableEventException e) {
      LOG.debug("Skipping an event that cannot be decoded: {}", e.getMessage());
      return;
    }
    if (decoded.isEmpty()) {
      return;
    }
    UniversalEvent event = decoded.get();
    EventSource source = event.getSource();
    CharSequence correlationId = source == null ? null : source.getCorrelationId();
    if (correlationId == null || correlationId.length() == 0) {
      return;
    }
    context.forward(
        new Record<>(
            correlationId.toString(),
            eventJson.writeJson(event),
            event.getTimestamp().toEpochMilli()));
  }
}
