package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the exact Jackson tree of one event at a time from a positioned parser, recording each
 * problem with the event's index and JSON path: nesting beyond the depth limit, duplicate keys,
 * events over the size limit, non-object events, unpaired surrogates and syntax errors.
 */
final class EventTreeReader {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EventLimits limits;
  private final List<EventError> errors;
  private final JsonPath path = new JsonPath();
  private final int lineOffset;
  private final boolean batchArray;
  private int index;
  private boolean tooDeepReported;

  /**
   * @param lineOffset added to line numbers in messages (NDJSON lines are parsed one by one)
   * @param batchArray whether events are the elements of an outer JSON array
   */
  EventTreeReader(EventLimits limits, List<EventError> errors, int lineOffset, boolean batchArray) {
    this.limits = limits;
    this.errors = errors;
    this.lineOffset = lineOffset;
    this.batchArray = batchArray;
  }

  int index() {
    return index;
  }

  /** Moves on to event {@code nextIndex}; false (with an error) once the batch is too big. */
  boolean next(int nextIndex) {
    index = nextIndex;
    path.clear();
    tooDeepReported = false;
    if (nextIndex >= limits.maxBatchEvents()) {
      error(EventError.TOO_LARGE, "the batch has more than " + limits.maxBatchEvents() + " events");
      return false;
    }
    return true;
  }

  /** Reads the value at the parser's current token as one event. */
  JsonNode readEvent(JsonParser p) throws IOException {
    long start = p.currentTokenLocation().getByteOffset();
    JsonNode node = readValue(p, 1);
    long size = p.currentLocation().getByteOffset() - start;
    if (!node.isObject()) {
      error(EventError.WRONG_TYPE, "an event must be a JSON object, not " + describe(node));
    }
    if (start >= 0 && size > limits.maxEventBytes()) {
      error(
          EventError.TOO_LARGE,
          "the event has "
              + size
              + " bytes of JSON; at most "
              + limits.maxEventBytes()
              + " are allowed");
    }
    return node;
  }

  /** Records an error unless the parser is at the end of its input. */
  void expectEnd(JsonParser p) throws IOException {
    path.clear();
    if (p.nextToken() != null) {
      JsonLocation at = p.currentTokenLocation();
      error(
          EventError.MALFORMED_JSON,
          "unexpected content after the JSON value" + where(at.getLineNr(), at.getColumnNr()));
    }
  }

  /** Records a parse failure; the input cannot be read any further. */
  void fail(Exception e) {
    if (e instanceof StreamConstraintsException c) {
      boolean depth = String.valueOf(c.getMessage()).contains("nesting depth");
      error(depth ? EventError.TOO_DEEP : EventError.TOO_LARGE, c.getOriginalMessage());
    } else if (e instanceof JsonProcessingException j) {
      if (j instanceof StreamReadException r && r.getProcessor() != null) {
        pathFrom(r.getProcessor().getParsingContext());
      }
      JsonLocation at = j.getLocation();
      String where = at == null ? "" : where(at.getLineNr(), at.getColumnNr());
      error(EventError.MALFORMED_JSON, j.getOriginalMessage() + where);
    } else {
      error(EventError.MALFORMED_JSON, "unreadable JSON: " + e.getMessage());
    }
  }

  void error(String code, String message) {
    errors.add(new EventError(index, path.toString(), code, message));
  }

  private JsonNode readValue(JsonParser p, int depth) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        return tooDeep(p, depth) ? NullNode.getInstance() : readObject(p, depth);
      case START_ARRAY:
        return tooDeep(p, depth) ? NullNode.getInstance() : readArray(p, depth);
      case VALUE_STRING:
        return TextNode.valueOf(checkSurrogates(p.getText()));
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return IntNode.valueOf(p.getIntValue());
          case LONG:
            return LongNode.valueOf(p.getLongValue());
          default:
            return BigIntegerNode.valueOf(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return DecimalNode.valueOf(p.getDecimalValue());
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.getInstance();
      default:
        throw new IllegalStateException("unexpected token " + token);
    }
  }

  private ObjectNode readObject(JsonParser p, int depth) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      path.push(name);
      checkSurrogates(name);
      p.nextToken();
      JsonNode value = readValue(p, depth + 1);
      if (object.putIfAbsent(name, value) != null) {
        error(EventError.MALFORMED_JSON, "duplicate key \"" + name + "\"");
      }
      path.pop();
    }
    return object;
  }

  private ArrayNode readArray(JsonParser p, int depth) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      path.push(array.size());
      array.add(readValue(p, depth + 1));
      path.pop();
    }
    return array;
  }

  private boolean tooDeep(JsonParser p, int depth) throws IOException {
    if (depth <= limits.maxDepth()) {
      return false;
    }
    if (!tooDeepReported) {
      tooDeepReported = true;
      error(
          EventError.TOO_DEEP,
          "JSON nested deeper than " + limits.maxDepth() + " levels (the event object is 1)");
    }
    p.skipChildren();
    return true;
  }

  /** A \\uD800-style escape without its pair cannot be stored as UTF-8: refuse, don't mangle. */
  private String checkSurrogates(String s) {
    int i = unpairedSurrogate(s);
    if (i >= 0) {
      error(
          EventError.INVALID_UTF8,
          String.format(
              "unpaired surrogate \\u%04X at character %d cannot be encoded as UTF-8",
              (int) s.charAt(i), i));
    }
    return s;
  }

  /** The index of the first surrogate in {@code s} without its pair, or -1. */
  static int unpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Takes the path from Jackson, which may have failed ahead of our own bookkeeping. */
  private void pathFrom(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(0, c);
    }
    path.clear();
    for (int i = batchArray ? 1 : 0; i < chain.size(); i++) {
      JsonStreamContext c = chain.get(i);
      if (c.inArray() && c.getCurrentIndex() >= 0) {
        path.push(c.getCurrentIndex());
      } else if (c.inObject() && c.getCurrentName() != null) {
        path.push(c.getCurrentName());
      }
    }
  }

  private String where(int line, int column) {
    return line < 0 ? "" : " (line " + (line + lineOffset) + ", column " + column + ")";
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "null";
    };
  }
}
