package io.fluxgate.core.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fluxgate.core.event.EventTypes;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.InvalidFilterException;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.glob.InvalidPatternException;
import io.fluxgate.core.topology.CorrelateSpec.Side;
import io.fluxgate.core.topology.CorrelateSpec.SidePath;
import io.fluxgate.core.topology.InvalidTopologySpecException.Problem;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a topology spec from JSON or YAML and checks all of it, so that one answer lists every
 * mistake (unknown fields, bad paths and durations, a grace the retention cannot hold, unknown
 * aggregations, ...).
 *
 * <pre>{@code
 * TopologySpec spec = TopologySpecParser.parse(body, yaml); // or InvalidTopologySpecException
 * }</pre>
 */
public final class TopologySpecParser {
  public static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,46}[a-z0-9])?");
  public static final Pattern FIELD_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,63}");
  public static final int MAX_AGGREGATIONS = 20;
  public static final int MAX_GROUP_BY = 5;
  public static final Duration MIN_WINDOW = Duration.ofMillis(100);
  public static final Duration MAX_DURATION = Duration.ofDays(30);
  public static final Duration MIN_RETENTION = Duration.ofHours(1);

  /** Fields an aggregate's output data carries besides its aggregations. */
  public static final Set<String> AGGREGATE_RESERVED =
      Set.of("window_start", "window_end", "group");

  /** Fields a correlate's output data carries besides the chosen ones. */
  public static final Set<String> CORRELATE_RESERVED = Set.of("duration_ms", "correlation_id");

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final Set<String> COMMON = Set.of("name", "kind", "output_event_type");
  private static final Set<String> AGGREGATE_FIELDS =
      Set.of("input", "filter", "group_by", "window", "aggregations", "emit", "retention");
  private static final Set<String> CORRELATE_FIELDS =
      Set.of("left", "right", "within", "grace", "join", "timeout_event_type", "fields");

  private final List<Problem> problems = new ArrayList<>();

  private TopologySpecParser() {}

  /**
   * Parses {@code body} as YAML when {@code yaml}, else as JSON.
   *
   * @throws InvalidTopologySpecException with every problem found
   */
  public static TopologySpec parse(byte[] body, boolean yaml) {
    JsonNode tree;
    try {
      tree = (yaml ? YAML : JSON).readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("", "not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("", "could not be read: " + e.getMessage());
    }
    return parse(tree);
  }

  /** Checks an already parsed spec. */
  public static TopologySpec parse(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw invalid("", "a topology spec is an object");
    }
    return new TopologySpecParser().spec(tree);
  }

  private static InvalidTopologySpecException invalid(String field, String message) {
    return new InvalidTopologySpecException(List.of(new Problem(field, message)));
  }

  private TopologySpec spec(JsonNode tree) {
    String name = text(tree, "name", true);
    if (name != null && !NAME.matcher(name).matches()) {
      problem(
          "name",
          "lowercase letters, digits and dashes, 1 to 48, starting and ending with a letter or digit, was '"
              + name
              + "'");
    }
    String kind = text(tree, "kind", true);
    String output = eventType(tree, "output_event_type", true);
    TopologySpec spec = null;
    if ("aggregate".equals(kind)) {
      unknownFields(tree, AGGREGATE_FIELDS);
      spec = aggregate(tree, name, output);
    } else if ("correlate".equals(kind)) {
      unknownFields(tree, CORRELATE_FIELDS);
      spec = correlate(tree, name, output);
    } else if (kind != null) {
      problem("kind", "must be aggregate or correlate, was '" + kind + "'");
    }
    if (!problems.isEmpty()) {
      throw new InvalidTopologySpecException(problems);
    }
    return spec;
  }

  private AggregateSpec aggregate(JsonNode tree, String name, String output) {
    List<String> input = globs(tree, "input");
    String filter = text(tree, "filter", false);
    if (filter != null) {
      try {
        EventFilterCompiler.compile(filter);
      } catch (InvalidFilterException e) {
        problem("filter", e.getMessage());
      }
    }
    List<EventPath> groupBy = new ArrayList<>();
    JsonNode groups = tree.get("group_by");
    if (groups != null && !groups.isNull()) {
      List<JsonNode> items = list(groups, "group_by");
      if (items.size() > MAX_GROUP_BY) {
        problem("group_by", "at most " + MAX_GROUP_BY + " paths");
      }
      for (int i = 0; i < items.size(); i++) {
        EventPath path = path(items.get(i), "group_by[" + i + "]");
        if (path != null) {
          groupBy.add(path);
        }
      }
    }
    WindowSpec window = window(tree.get("window"));
    List<AggregationSpec> aggregations = aggregations(tree.get("aggregations"));
    EmitMode emit = EmitMode.FINAL;
    String emitText = text(tree, "emit", false);
    if (emitText != null) {
      try {
        emit = EmitMode.fromWireName(emitText);
      } catch (IllegalArgumentException e) {
        problem("emit", e.getMessage());
      }
    }
    Duration retention = duration(tree, "retention", false);
    if (window != null) {
      Duration needed = window.size().plus(window.grace());
      if (retention == null) {
        retention = needed.compareTo(MIN_RETENTION) > 0 ? needed : MIN_RETENTION;
      } else if (retention.compareTo(needed) < 0) {
        problem(
            "window.grace",
            "grace larger than retention allows: windows of "
                + DurationText.format(window.size())
                + " with grace "
                + DurationText.format(window.grace())
                + " need a retention of at least "
                + DurationText.format(needed)
                + ", was "
                + DurationText.format(retention));
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new AggregateSpec(
        name, input, filter, groupBy, window, aggregations, emit, output, retention);
  }

  private WindowSpec window(JsonNode node) {
    if (node == null || node.isNull()) {
      problem("window", "required");
      return null;
    }
    if (!node.isObject()) {
      problem("window", "must be an object with type, size, advance and grace");
      return null;
    }
    unknownFields(node, "window", Set.of("type", "size", "advance", "grace"));
    WindowType type = null;
    String typeText = text(node, "window.type", "type", true);
    if (typeText != null) {
      try {
        type = WindowType.fromWireName(typeText);
      } catch (IllegalArgumentException e) {
        problem("window.type", e.getMessage());
      }
    }
    Duration size = windowDuration(node, "size", true);
    Duration advance = windowDuration(node, "advance", false);
    Duration grace = duration(node, "window.grace", "grace", false);
    if (grace == null) {
      grace = Duration.ZERO;
    }
    if (type == WindowType.HOPPING) {
      if (advance == null && !node.has("advance")) {
        problem("window.advance", "required for a hopping window");
      } else if (advance != null && size != null && advance.compareTo(size) > 0) {
        problem("window.advance", "must not exceed the size (" + DurationText.format(size) + ")");
      }
    } else if (type != null && node.has("advance")) {
      problem(
          "window.advance",
          "only a hopping window advances; a " + type.wireName() + " window has none");
    }
    if (type == null || size == null || problemsAbout("window.")) {
      return null;
    }
    return new WindowSpec(type, size, advance, grace);
  }

  private Duration windowDuration(JsonNode node, String field, boolean required) {
    Duration d = duration(node, "window." + field, field, required);
    if (d != null && d.compareTo(MIN_WINDOW) < 0) {
      problem("window." + field, "must be at least " + DurationText.format(MIN_WINDOW));
      return null;
    }
    return d;
  }

  private List<AggregationSpec> aggregations(JsonNode node) {
    List<AggregationSpec> result = new ArrayList<>();
    if (node == null || node.isNull()) {
      problem("aggregations", "at least one aggregation is required");
      return result;
    }
    List<JsonNode> items = list(node, "aggregations");
    if (items.isEmpty() && node.isArray()) {
      problem("aggregations", "at least one aggregation is required");
    }
    if (items.size() > MAX_AGGREGATIONS) {
      problem("aggregations", "at most " + MAX_AGGREGATIONS + " aggregations");
    }
    Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String field = "aggregations[" + i + "]";
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        problem(field, "must be an object with op, path and name");
        continue;
      }
      unknownFields(item, field, Set.of("op", "path", "name"));
      AggregationOp op = null;
      String opText = text(item, field + ".op", "op", true);
      if (opText != null) {
        try {
          op = AggregationOp.fromWireName(opText);
        } catch (IllegalArgumentException e) {
          problem(field + ".op", e.getMessage());
        }
      }
      EventPath path = null;
      JsonNode pathNode = item.get("path");
      if (op != null && op.needsPath() && (pathNode == null || pathNode.isNull())) {
        problem(field + ".path", op.wireName() + " needs a numeric path, e.g. data.latency_ms");
      } else if (op == AggregationOp.COUNT && pathNode != null && !pathNode.isNull()) {
        problem(field + ".path", "count takes no path");
      } else if (pathNode != null && !pathNode.isNull()) {
        path = path(pathNode, field + ".path");
      }
      String name = text(item, field + ".name", "name", false);
      if (op == null) {
        continue;
      }
      if (name == null) {
        name = AggregationSpec.defaultName(op, path);
      } else if (!FIELD_NAME.matcher(name).matches()) {
        problem(
            field + ".name",
            "lowercase letters, digits and _, starting with a letter or _, was '" + name + "'");
      }
      if (AGGREGATE_RESERVED.contains(name)) {
        problem(field + ".name", "'" + name + "' is reserved for the window and group");
      } else if (!names.add(name)) {
        problem(field + ".name", "'" + name + "' is used twice; name one of them");
      }
      if (!op.needsPath() || path != null) {
        result.add(new AggregationSpec(name, op, path));
      }
    }
    return result;
  }

  private CorrelateSpec correlate(JsonNode tree, String name, String output) {
    List<String> left = globs(tree, "left");
    List<String> right = globs(tree, "right");
    Duration within = duration(tree, "within", true);
    if (within != null && within.compareTo(MIN_WINDOW) < 0) {
      problem("within", "must be at least " + DurationText.format(MIN_WINDOW));
    }
    Duration grace = duration(tree, "grace", false);
    JoinType join = JoinType.INNER;
    String joinText = text(tree, "join", false);
    if (joinText != null) {
      try {
        join = JoinType.fromWireName(joinText);
      } catch (IllegalArgumentException e) {
        problem("join", e.getMessage());
      }
    }
    String timeout = eventType(tree, "timeout_event_type", false);
    if (timeout == null && output != null) {
      timeout = output + ".timeout";
    }
    Map<String, SidePath> fields = new LinkedHashMap<>();
    JsonNode fieldsNode = tree.get("fields");
    if (fieldsNode != null && !fieldsNode.isNull()) {
      if (!fieldsNode.isObject()) {
        problem("fields", "must be an object of output name to left.<path> or right.<path>");
      } else {
        Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          String field = "fields." + e.getKey();
          if (!FIELD_NAME.matcher(e.getKey()).matches()) {
            problem(field, "lowercase letters, digits and _, starting with a letter or _");
          } else if (CORRELATE_RESERVED.contains(e.getKey())) {
            problem(field, "'" + e.getKey() + "' is always in the output and cannot be chosen");
          }
          SidePath side = sidePath(e.getValue(), field);
          if (side != null) {
            fields.put(e.getKey(), side);
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new CorrelateSpec(
        name,
        left,
        right,
        within,
        grace == null ? Duration.ZERO : grace,
        join,
        output,
        timeout,
        fields);
  }

  private SidePath sidePath(JsonNode node, String field) {
    if (!node.isTextual()) {
      problem(field, "must be a string: left.<path> or right.<path>");
      return null;
    }
    String text = node.asText();
    Side side =
        text.startsWith("left.") ? Side.LEFT : text.startsWith("right.") ? Side.RIGHT : null;
    if (side == null) {
      problem(field, "must start with left. or right., was '" + text + "'");
      return null;
    }
    try {
      return new SidePath(side, EventPath.parse(text.substring(text.indexOf('.') + 1)));
    } catch (IllegalArgumentException e) {
      problem(field, e.getMessage());
      return null;
    }
  }

  // --- shared readers; each records its problem and returns null ---

  private List<String> globs(JsonNode tree, String field) {
    JsonNode node = tree.get(field);
    List<String> globs = new ArrayList<>();
    if (node == null || node.isNull()) {
      problem(field, "required: an event type glob or a list of them");
      return globs;
    }
    List<JsonNode> items = node.isArray() ? list(node, field) : List.of(node);
    if (items.isEmpty()) {
      problem(field, "at least one glob is required");
    }
    for (int i = 0; i < items.size(); i++) {
      String at = node.isArray() ? field + "[" + i + "]" : field;
      JsonNode item = items.get(i);
      if (!item.isTextual()) {
        problem(at, "must be a string");
        continue;
      }
      try {
        GlobPattern.compile(item.asText());
        globs.add(item.asText());
      } catch (InvalidPatternException e) {
        problem(at, e.getMessage());
      }
    }
    return globs;
  }

  private EventPath path(JsonNode node, String field) {
    if (!node.isTextual()) {
      problem(field, "must be a string");
      return null;
    }
    try {
      return EventPath.parse(node.asText());
    } catch (IllegalArgumentException e) {
      problem(field, "unknown path syntax: " + e.getMessage());
      return null;
    }
  }

  private String eventType(JsonNode tree, String field, boolean required) {
    String type = text(tree, field, required);
    if (type != null) {
      EventTypes.problem(type).ifPresent(p -> problem(field, p));
    }
    return type;
  }

  private Duration duration(JsonNode tree, String field, boolean required) {
    return duration(tree, field, field, required);
  }

  private Duration duration(JsonNode tree, String field, String key, boolean required) {
    String text = text(tree, field, key, required);
    if (text == null) {
      return null;
    }
    try {
      Duration d = DurationText.parse(text);
      if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
        problem(
            field,
            "must be between 0 and " + DurationText.format(MAX_DURATION) + ", was '" + text + "'");
        return null;
      }
      return d;
    } catch (IllegalArgumentException e) {
      problem(field, e.getMessage());
      return null;
    }
  }

  private String text(JsonNode tree, String field, boolean required) {
    return text(tree, field, field, required);
  }

  private String text(JsonNode tree, String field, String key, boolean required) {
    JsonNode node = tree.get(key);
    if (node == null || node.isNull()) {
      if (required) {
        problem(field, "required");
      }
      return null;
    }
    if (!node.isTextual()) {
      problem(field, "must be a string");
      return null;
    }
    return node.asText();
  }

  private List<JsonNode> list(JsonNode node, String field) {
    if (!node.isArray()) {
      problem(field, "must be a list");
      return List.of();
    }
    List<JsonNode> items = new ArrayList<>();
    node.forEach(items::add);
    return items;
  }

  private void unknownFields(JsonNode tree, Set<String> kindFields) {
    Iterator<String> names = tree.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!COMMON.contains(name) && !kindFields.contains(name)) {
        problem(name, "unknown field");
      }
    }
  }

  private void unknownFields(JsonNode node, String prefix, Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problem(prefix + "." + name, "unknown field");
      }
    }
  }

  private boolean problemsAbout(String prefix) {
    return problems.stream().anyMatch(p -> p.field().startsWith(prefix));
  }

  private void problem(String field, String message) {
    problems.add(new Problem(field, message));
  }
}
