package io.fluxgate.processor.topology;

import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.AggregationSpec;
import io.fluxgate.core.topology.EventPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of an aggregate: keeps the events it reads, keys each by its group ({@link
 * GroupKey}), stamps it with the event's own {@code timestamp} (event time: windows count events by
 * when they happened, not when they arrived), and reduces it to one number per aggregation.
 */
final class AggregateInputProcessor implements Processor<byte[], byte[], String, double[]> {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateInputProcessor.class);

  private final List<EventPath> groupBy;
  private final List<AggregationSpec> aggregations;
  private final EventSelector selector;
  private final TopologyCounters counters;
  private ProcessorContext<String, double[]> context;

  AggregateInputProcessor(AggregateSpec spec, EventSelector selector, TopologyCounters counters) {
    this.groupBy = spec.groupBy();
    this.aggregations = spec.aggregations();
    this.selector = selector;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, double[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    Optional<EventSelector.Selected> selected;
    try {
      selected = selector.select(record.headers(), record.value());
    } catch (EventSelector.UndecodableEventException e) {
      counters.undecodable();
      LOG.debug("Skipping an event that cannot be decoded: {}", e.getMessage());
      return;
    }
    if (selected.isEmpty()) {
      return;
    }
    counters.selected();
    Map<String, Object> variables = selected.get().variables();
    double[] values = new double[aggregations.size()];
    for (int i = 0; i < values.length; i++) {
      EventPath path = aggregations.get(i).path();
      values[i] = path == null ? Double.NaN : number(path.valueIn(variables));
    }
    long eventTime = selected.get().event().getTimestamp().toEpochMilli();
    context.forward(new Record<>(GroupKey.of(groupBy, variables), values, eventTime));
  }

  /** A numeric value as a double; anything else (absent, text, true) is no value: NaN. */
  static double number(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Double d) {
      return d;
    }
    return Double.NaN;
  }
}
