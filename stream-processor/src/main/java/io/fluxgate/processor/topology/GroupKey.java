package io.fluxgate.processor.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cel.common.values.NullValue;
import io.fluxgate.core.topology.EventPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record key of an aggregate's group: the values of its {@code group_by} paths as a JSON array
 * ({@code ["api","eu"]}; {@code []} without group_by), so that equal groups have equal keys and the
 * results API can show the group again.
 */
final class GroupKey {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private GroupKey() {}

  /** The key of an event with these variables: each path's value, null where it has none. */
  static String of(List<EventPath> groupBy, Map<String, ?> variables) {
    List<Object> values = new ArrayList<>(groupBy.size());
    for (EventPath path : groupBy) {
      values.add(plain(path.valueIn(variables)));
    }
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("group values are plain JSON", e);
    }
  }

  /** The group as an object of path to value, in group_by order. */
  static Map<String, Object> group(List<EventPath> groupBy, String key) {
    List<?> values;
    try {
      values = JSON.readValue(key, List.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a group key: " + key, e);
    }
    Map<String, Object> group = new LinkedHashMap<>();
    for (int i = 0; i < groupBy.size() && i < values.size(); i++) {
      group.put(groupBy.get(i).text(), values.get(i));
    }
    return group;
  }

  /** CEL values as plain JSON values: a nested map or list of a path becomes its JSON text. */
  private static Object plain(Object value) {
    if (value == null
        || value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        return String.valueOf(value);
      }
    }
    // CEL's null is JSON null; anything else (timestamps) its text.
    return value instanceof NullValue ? null : value.toString();
  }
}
