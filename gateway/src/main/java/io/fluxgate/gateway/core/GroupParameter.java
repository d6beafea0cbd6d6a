package io.fluxgate.gateway.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code group} query parameter of topology results: the group's values in {@code group_by}
 * order, either comma-separated ({@code api,eu}; a comma or backslash inside a value is escaped
 * with a backslash: {@code a\,b}) or, when it starts with {@code [}, a JSON array ({@code
 * ["api","eu"]}, numbers, booleans and null allowed). Values are matched by their text: {@code 503}
 * matches the number 503 and the string "503".
 */
public final class GroupParameter {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private GroupParameter() {}

  /**
   * The values, or empty when the parameter is absent (all groups).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static Optional<List<String>> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.startsWith("[")) {
      return Optional.of(parseJson(text));
    }
    List<String> values = new ArrayList<>();
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 == text.length()) {
          throw new IllegalArgumentException("group ends with a lone backslash");
        }
        value.append(text.charAt(++i));
      } else if (c == ',') {
        values.add(value.toString());
        value.setLength(0);
      } else {
        value.append(c);
      }
    }
    values.add(value.toString());
    return Optional.of(values);
  }

  private static List<String> parseJson(String text) {
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "group starts with '[' but is not a JSON array: " + e.getOriginalMessage());
    }
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("group starts with '[' but is not a JSON array");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      if (element.isContainerNode()) {
        throw new IllegalArgumentException(
            "group values are strings, numbers, booleans or null, not " + element);
      }
      values.add(element.isTextual() ? element.textValue() : element.toString());
    }
    return values;
  }
}
