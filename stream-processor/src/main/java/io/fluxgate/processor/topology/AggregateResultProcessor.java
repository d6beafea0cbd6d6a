package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.EmitMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The last step of an aggregate: turns a window's result into a UniversalEvent of the spec's {@code
 * output_event_type} with {@code data} = {@code window_start}, {@code window_end}, {@code group},
 * {@code events} and one field per aggregation. A final result's id is derived from the topology,
 * group and window, so a result published again after a failure has the same id.
 */
final class AggregateResultProcessor
    implements Processor<Windowed<String>, Accumulator, String, byte[]> {
  private final AggregateSpec spec;
  private final TopologyOutput output;
  private final TopologyCounters counters;
  private ProcessorContext<String, byte[]> context;

  AggregateResultProcessor(AggregateSpec spec, TopologyOutput output, TopologyCounters counters) {
    this.spec = spec;
    this.output = output;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<Windowed<String>, Accumulator> record) {
    if (record.value() == null) {
      return; // a session merged into a longer one: its result is the longer one's
    }
    Windowed<String> window = record.key();
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("id", id(window));
    event.put("event_type", spec.outputEventType());
    event.put("timestamp", Instant.ofEpochMilli(window.window().end()).toString());
    ObjectNode source = event.putObject("source");
    source.put("component", TopologyOutput.COMPONENT);
    source.put("instance_id", spec.name());
    event.putObject("metadata").put("topology", spec.name());
    event.set("data", data(spec, window, record.value()));
    context.forward(output.record(event, window.window().end()));
    counters.published();
  }

  /** The result of one window and group, as the output event's data and the results API show. */
  static ObjectNode data(AggregateSpec spec, Windowed<String> window, Accumulator accumulator) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("window_start", Instant.ofEpochMilli(window.window().start()).toString());
    data.put("window_end", Instant.ofEpochMilli(window.window().end()).toString());
    data.set("group", EventJson.mapper().valueToTree(GroupKey.group(spec.groupBy(), window.key())));
    data.put("events", accumulator.events());
    for (Map.Entry<String, Object> result : accumulator.results(spec.aggregations()).entrySet()) {
      JsonNode value = EventJson.mapper().valueToTree(result.getValue());
      data.set(result.getKey(), value);
    }
    return data;
  }

  private String id(Windowed<String> window) {
    if (spec.emit() == EmitMode.UPDATES) {
      return UUID.randomUUID().toString();
    }
    String identity =
        spec.name()
            + '\n'
            + window.key()
            + '\n'
            + window.window().start()
            + '\n'
            + window.window().end();
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
