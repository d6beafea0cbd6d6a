package io.fluxgate.core.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A path into a UniversalEvent that topology specs group by, aggregate and copy: {@code
 * event_type}, {@code id}, {@code priority}, {@code version}, {@code source.component}, {@code
 * source.instance_id}, {@code source.correlation_id}, {@code metadata.<key>} or {@code
 * data.<field>(.<field>)*}, a field being a name ({@code [A-Za-z_][A-Za-z0-9_-]*}).
 *
 * <pre>{@code
 * EventPath path = EventPath.parse("data.latency_ms");
 * Object value = path.valueIn(FilterVariables.of(event)); // null when the event has none
 * }</pre>
 */
public record EventPath(String text, List<String> segments) {
  private static final Set<String> SCALAR_ROOTS = Set.of("event_type", "id", "priority", "version");
  private static final Set<String> SOURCE_FIELDS =
      Set.of("component", "instance_id", "correlation_id");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_.:-]+");

  public EventPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong, for anything outside the grammar
   */
  public static EventPath parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("a path is required");
    }
    int dot = text.indexOf('.');
    String root = dot < 0 ? text : text.substring(0, dot);
    String rest = dot < 0 ? null : text.substring(dot + 1);
    if (SCALAR_ROOTS.contains(root)) {
      if (rest != null) {
        throw new IllegalArgumentException("'" + root + "' has no fields, in '" + text + "'");
      }
      return new EventPath(text, List.of(root));
    }
    switch (root) {
      case "source" -> {
        if (rest == null || !SOURCE_FIELDS.contains(rest)) {
          throw new IllegalArgumentException(
              "source paths are source.component, source.instance_id and source.correlation_id,"
                  + " was '"
                  + text
                  + "'");
        }
        return new EventPath(text, List.of(root, rest));
      }
      case "metadata" -> {
        if (rest == null || !METADATA_KEY.matcher(rest).matches()) {
          throw new IllegalArgumentException(
              "metadata paths are metadata.<key>, was '" + text + "'");
        }
        return new EventPath(text, List.of(root, rest));
      }
      case "data" -> {
        List<String> segments = new ArrayList<>();
        segments.add(root);
        if (rest == null) {
          return new EventPath(text, segments);
        }
        for (String field : rest.split("\\.", -1)) {
          if (!NAME.matcher(field).matches()) {
            throw new IllegalArgumentException(
                "'" + field + "' is not a field name ([A-Za-z_][A-Za-z0-9_-]*), in '" + text + "'");
          }
          segments.add(field);
        }
        return new EventPath(text, segments);
      }
      default ->
          throw new IllegalArgumentException(
              "paths start with event_type, id, priority, version, source, metadata or data, was '"
                  + text
                  + "'");
    }
  }

  /** The last segment: the default name of what the path yields ({@code latency_ms}). */
  public String leaf() {
    return segments.get(segments.size() - 1);
  }

  /**
   * The value at this path in an event's variables ({@code FilterVariables.of(event)}), or null
   * when the event has nothing there.
   */
  public Object valueIn(Map<String, ?> variables) {
    Object current = variables;
    for (String segment : segments) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  @Override
  public String toString() {
    return text;
  }
}
