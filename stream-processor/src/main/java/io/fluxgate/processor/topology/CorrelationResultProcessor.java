package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.core.topology.CorrelateSpec;
import io.fluxgate.core.topology.CorrelateSpec.Side;
import io.fluxgate.core.topology.CorrelateSpec.SidePath;
import io.fluxgate.core.topology.JoinType;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The last step of a correlate: a joined pair becomes an event of {@code output_event_type} with
 * {@code correlation_id}, {@code duration_ms} (right minus left event time) and the chosen fields;
 * a left side that met no right side within the window (emitted by Kafka Streams once the window
 * and grace have passed) becomes a {@code timeout_event_type} event, and with {@code left} and
 * {@code outer} joins also an output event without its right side; with {@code outer}, a right side
 * that met no left side becomes an output event without its left side. Ids derive from the pair, so
 * a pair joined again after a failure yields the same id.
 */
final class CorrelationResultProcessor
    implements Processor<String, CorrelationResultProcessor.Pair, String, byte[]> {
  private final CorrelateSpec spec;
  private final EventCodec codec;
  private final TopologyOutput output;
  private final TopologyCounters counters;
  private ProcessorContext<String, byte[]> context;

  CorrelationResultProcessor(
      CorrelateSpec spec, EventCodec codec, TopologyOutput output, TopologyCounters counters) {
    this.spec = spec;
    this.codec = codec;
    this.output = output;
    this.counters = counters;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Pair> record) {
    UniversalEvent left = decode(record.value().left());
    UniversalEvent right = decode(record.value().right());
    String correlationId = record.key();
    if (left != null && right == null) {
      publish(spec.timeoutEventType(), correlationId, left, null, "timeout");
      if (spec.join() == JoinType.INNER) {
        return;
      }
    } else if (left == null && spec.join() != JoinType.OUTER) {
      return;
    }
    publish(spec.outputEventType(), correlationId, left, right, "joined");
  }

  private void publish(
      String type, String correlationId, UniversalEvent left, UniversalEvent right, String kind) {
    Map<String, Object> leftVars = left == null ? null : FilterVariables.of(left);
    Map<String, Object> rightVars = right == null ? null : FilterVariables.of(right);
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("id", id(kind, left, right));
    event.put("event_type", type);
    Instant at = (right != null ? right : left).getTimestamp();
    if (right == null) {
      at = left.getTimestamp().plus(spec.within());
    }
    event.put("timestamp", at.toString());
    ObjectNode source = event.putObject("source");
    source.put("component", TopologyOutput.COMPONENT);
    source.put("instance_id", spec.name());
    source.put("correlation_id", correlationId);
    event.putObject("metadata").put("topology", spec.name());
    ObjectNode data = event.putObject("data");
    data.put("correlation_id", correlationId);
    if (left != null && right != null) {
      data.put(
          "duration_ms", right.getTimestamp().toEpochMilli() - left.getTimestamp().toEpochMilli());
    } else {
      data.set("duration_ms", NullNode.instance);
    }
    for (Map.Entry<String, SidePath> field : spec.fields().entrySet()) {
      Map<String, Object> vars = field.getValue().side() == Side.LEFT ? leftVars : rightVars;
      Object value = vars == null ? null : field.getValue().path().valueIn(vars);
      data.set(field.getKey(), json(value));
    }
    context.forward(output.record(event, at.toEpochMilli()));
    counters.published();
  }

  private static JsonNode json(Object value) {
    if (value == null || value instanceof dev.cel.common.values.NullValue) {
      return NullNode.instance;
    }
    if (value instanceof com.google.protobuf.Timestamp ts) {
      return JsonNodeFactory.instance.textNode(
          Instant.ofEpochSecond(ts.getSeconds(), ts.getNanos()).toString());
    }
    return EventJson.mapper().valueToTree(value);
  }

  private static String id(String kind, UniversalEvent left, UniversalEvent right) {
    String identity =
        kind
            + '\n'
            + (left == null ? "" : left.getId())
            + '\n'
            + (right == null ? "" : right.getId());
    return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private UniversalEvent decode(byte[] sided) {
    return sided == null ? null : codec.decode(Arrays.copyOfRange(sided, 1, sided.length));
  }

  /** One join result: either side may be missing. */
  record Pair(byte[] left, byte[] right) {}
}
