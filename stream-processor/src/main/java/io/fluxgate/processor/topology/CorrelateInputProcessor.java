package io.fluxgate.processor.topology;

import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a correlate: keeps the events of either side (an event matching both is a left
 * side), keys each by its correlation id ({@code source.correlation_id}; events without one cannot
 * be correlated and are skipped), stamps it with the event's own time, and marks its side in the
 * first byte of the value: {@link #LEFT} or {@link #RIGHT}, then the encoded event.
 */
final class CorrelateInputProcessor implements Processor<byte[], byte[], String, byte[]> {
  static final byte LEFT = 'L';
  static final byte RIGHT = 'R';
  private static final Logger LOG = LoggerFactory.getLogger(CorrelateInputProcessor.class);

  private final EventSelector left;
  private final EventSelector right;
  private final TopologyCounters counters;
  private ProcessorContext<String, byte[]> context;

  CorrelateInputProcessor(EventSelector left, EventSelector right, TopologyCounters counters) {
    this.left = left;
    this.right = right;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String type = EventSelector.eventType(record.headers());
    if (type == null) {
      return;
    }
    byte side;
    if (left.matchesType(type)) {
      side = LEFT;
    } else if (right.matchesType(type)) {
      side = RIGHT;
    } else {
      return;
    }
    Optional<UniversalEvent> decoded;
    try {
      decoded = left.event(record.value());
    } catch (EventSelector.UndecodableEventException e) {
      counters.undecodable();
      LOG.debug("Skipping an event that cannot be decoded: {}", e.getMessage());
      return;
    }
    if (decoded.isEmpty()) {
      return;
    }
    EventSource source = decoded.get().getSource();
    CharSequence correlationId = source == null ? null : source.getCorrelationId();
    if (correlationId == null || correlationId.length() == 0) {
      return;
    }
    String id = correlationId.toString();
    counters.selected();
    byte[] value = new byte[record.value().length + 1];
    value[0] = side;
    System.arraycopy(record.value(), 0, value, 1, record.value().length);
    long eventTime = decoded.get().getTimestamp().toEpochMilli();
    context.forward(new Record<>(id, value, eventTime));
  }
}
