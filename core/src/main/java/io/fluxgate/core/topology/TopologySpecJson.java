package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON of a spec, with every default filled in: what {@code GET /v1/topologies} shows
 * and what the topologies topic stores. {@link TopologySpecParser} reads it back to an equal spec.
 */
public final class TopologySpecJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TopologySpecJson() {}

  public static ObjectNode toJson(TopologySpec spec) {
    ObjectNode json = NODES.objectNode();
    json.put("name", spec.name());
    json.put("kind", spec.kind());
    if (spec instanceof AggregateSpec aggregate) {
      aggregate(aggregate, json);
    } else if (spec instanceof CorrelateSpec correlate) {
      correlate(correlate, json);
    }
    return json;
  }

  private static void aggregate(AggregateSpec spec, ObjectNode json) {
    json.set("input", strings(spec.input()));
    if (spec.filter() != null) {
      json.put("filter", spec.filter());
    }
    ArrayNode groupBy = json.putArray("group_by");
    spec.groupBy().forEach(p -> groupBy.add(p.text()));
    ObjectNode window = json.putObject("window");
    window.put("type", spec.window().type().wireName());
    window.put("size", DurationText.format(spec.window().size()));
    if (spec.window().type() == WindowType.HOPPING) {
      window.put("advance", DurationText.format(spec.window().advance()));
    }
    window.put("grace", DurationText.format(spec.window().grace()));
    ArrayNode aggregations = json.putArray("aggregations");
    for (AggregationSpec aggregation : spec.aggregations()) {
      ObjectNode item = aggregations.addObject();
      item.put("name", aggregation.name());
      item.put("op", aggregation.op().wireName());
      if (aggregation.path() != null) {
        item.put("path", aggregation.path().text());
      }
    }
    json.put("emit", spec.emit().wireName());
    json.put("retention", DurationText.format(spec.retention()));
    json.put("output_event_type", spec.outputEventType());
  }

  private static void correlate(CorrelateSpec spec, ObjectNode json) {
    json.set("left", strings(spec.left()));
    json.set("right", strings(spec.right()));
    json.put("within", DurationText.format(spec.within()));
    json.put("grace", DurationText.format(spec.grace()));
    json.put("join", spec.join().wireName());
    json.put("output_event_type", spec.outputEventType());
    json.put("timeout_event_type", spec.timeoutEventType());
    ObjectNode fields = json.putObject("fields");
    spec.fields().forEach((name, path) -> fields.put(name, path.toString()));
  }

  private static ArrayNode strings(java.util.List<String> values) {
    ArrayNode array = NODES.arrayNode();
    values.forEach(array::add);
    return array;
  }
}
