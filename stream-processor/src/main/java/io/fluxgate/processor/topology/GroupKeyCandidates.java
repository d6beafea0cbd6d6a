package io.fluxgate.processor.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@link GroupKey}s a group asked for as text can be. A group key keeps each value's JSON type
 * ({@code ["api", 503, true]}) while a query gives text ({@code api,503,true}): a value that reads
 * as a JSON number, boolean or {@code null} matches that value and the string of the same text, so
 * {@code 503} finds both the number 503 and the string "503".
 */
final class GroupKeyCandidates {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private GroupKeyCandidates() {}

  /** Every key the values can name, each once, the all-strings key first. */
  static List<String> of(List<String> values) {
    List<ArrayNode> keys = new ArrayList<>();
    keys.add(JsonNodeFactory.instance.arrayNode());
    for (String value : values) {
      List<JsonNode> readings = readings(value);
      List<ArrayNode> next = new ArrayList<>(keys.size() * readings.size());
      for (ArrayNode key : keys) {
        for (JsonNode reading : readings) {
          ArrayNode longer = key.deepCopy();
          longer.add(reading);
          next.add(longer);
        }
      }
      keys = next;
    }
    Set<String> texts = new LinkedHashSet<>();
    for (ArrayNode key : keys) {
      texts.add(key.toString());
    }
    return List.copyOf(texts);
  }

  private static List<JsonNode> readings(String value) {
    List<JsonNode> readings = new ArrayList<>(2);
    readings.add(JsonNodeFactory.instance.textNode(value));
    if (value.isEmpty() || !value.strip().equals(value)) {
      return readings;
    }
    try {
      JsonNode literal = JSON.readTree(value);
      if (literal != null && (literal.isNumber() || literal.isBoolean() || literal.isNull())) {
        readings.add(literal);
      }
    } catch (JsonProcessingException e) {
      // plain text only
    }
    return readings;
  }
}
