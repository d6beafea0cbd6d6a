package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 * Streams request bodies into exact Jackson trees, one per event, recording every syntax, size and
 * depth problem with its event index and path. Numbers are kept exact; duplicate keys, trailing
 * content and invalid UTF-8 are refused. Semantic checks are {@link EventBinder}'s job.
 */
final class StrictJsonReader {

  /** An event's tree as read; {@code node} is null when the event could not be read at all. */
  record RawEvent(int index, JsonNode node) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final EventLimits limits;
  private final JsonFactory factory;

  StrictJsonReader(EventLimits limits) {
    this.limits = limits;
    // Our own depth check reports the path and carries on; Jackson's bound only stops abuse.
    int jacksonDepth = (int) Math.min(Integer.MAX_VALUE, limits.maxDepth() + 1000L);
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(jacksonDepth).build())
            .build();
  }

  /** Reads a body holding one event object. */
  List<RawEvent> readSingle(byte[] body, List<EventError> errors) {
    List<RawEvent> events = new ArrayList<>(1);
    if (!precheck(body, errors)) {
      return events;
    }
    Reading r = new Reading(errors, 0);
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() == null) {
        r.error(EventError.MALFORMED_JSON, "the body is empty; expected a JSON object");
        return events;
      }
      events.add(new RawEvent(0, r.readEvent(p)));
      r.expectEnd(p);
    } catch (IOException | NumberFormatException e) {
      r.fail(e);
    }
    return events;
  }

  /** Reads a body holding a JSON array of event objects. */
  List<RawEvent> readArray(byte[] body, List<EventError> errors) {
    List<RawEvent> events = new ArrayList<>();
    if (!precheck(body, errors)) {
      return events;
    }
    Reading r = new Reading(errors, 0);
    try (JsonParser p = factory.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        r.error(
            first == null ? EventError.MALFORMED_JSON : EventError.WRONG_TYPE,
            "a batch must be a JSON array of event objects");
        return events;
      }
      r.batchArray = true;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (!r.next(events.size())) {
          return events;
        }
        events.add(new RawEvent(r.index, r.readEvent(p)));
      }
      r.path.clear();
      r.expectEnd(p);
    } catch (IOException | NumberFormatException e) {
      r.fail(e);
      return events;
    }
    requireSome(events, errors);
    return events;
  }

  /** Reads newline-delimited JSON: one event object per non-blank line. */
  List<RawEvent> readLines(byte[] body, List<EventError> errors) {
    List<RawEvent> events = new ArrayList<>();
    if (!precheck(body, errors)) {
      return events;
    }
    int line = 0;
    for (int start = 0; start < body.length; ) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      line++;
      if (!isBlank(body, start, end)) {
        Reading r = new Reading(errors, line - 1);
        if (!r.next(events.size())) {
          return events;
        }
        try (JsonParser p = factory.createParser(body, start, end - start)) {
          p.nextToken();
          events.add(new RawEvent(r.index, r.readEvent(p)));
          r.expectEnd(p);
        } catch (IOException | NumberFormatException e) {
          r.fail(e);
          events.add(new RawEvent(r.index, null));
        }
      }
      start = end + 1;
    }
    requireSome(events, errors);
    return events;
  }

  private boolean precheck(byte[] body, List<EventError> errors) {
    if (body.length > limits.maxBodyBytes()) {
      errors.add(
          new EventError(
              0,
              "",
              EventError.TOO_LARGE,
              "the body has "
                  + body.length
                  + " bytes; at most "
                  + limits.maxBodyBytes()
                  + " are allowed"));
      return false;
    }
    String utf8Problem = Utf8.problem(body);
    if (utf8Problem != null) {
      errors.add(new EventError(0, "", EventError.INVALID_UTF8, utf8Problem));
      return false;
    }
    // Jackson guesses UTF-16/32 from NUL bytes at the start; JSON text never starts with NUL.
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        errors.add(
            new EventError(
                0, "", EventError.MALFORMED_JSON, "NUL byte at offset " + i + "; expected JSON"));
        return false;
      }
    }
    return true;
  }

  private static void requireSome(List<RawEvent> events, List<EventError> errors) {
    if (events.isEmpty() && errors.isEmpty()) {
      errors.add(new EventError(0, "", EventError.INVALID_VALUE, "the batch contains no events"));
    }
  }

  private static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** State while reading one event: its index, the current path and the error sink. */
  private final class Reading {
    final List<EventError> errors;
    final JsonPath path = new JsonPath();
    final int lineOffset;
    boolean batchArray;
    int index;
    boolean tooDeepReported;

    Reading(List<EventError> errors, int lineOffset) {
      this.errors = errors;
      this.lineOffset = lineOffset;
    }

    /** Moves on to event {@code nextIndex}; false (with an error) once the batch is too big. */
    boolean next(int nextIndex) {
      index = nextIndex;
      path.clear();
      tooDeepReported = false;
      if (nextIndex >= limits.maxBatchEvents()) {
        error(
            EventError.TOO_LARGE, "the batch has more than " + limits.maxBatchEvents() + " events");
        return false;
      }
      return true;
    }

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

    void expectEnd(JsonParser p) throws IOException {
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        error(
            EventError.MALFORMED_JSON,
            "unexpected content after the JSON value" + where(at.getLineNr(), at.getColumnNr()));
      }
    }

    private JsonNode readValue(JsonParser p, int depth) throws IOException {
      JsonToken token = p.currentToken();
      switch (token) {
        case START_OBJECT:
          return tooDeep(p, depth) ? NullNode.getInstance() : readObject(p, depth);
        case START_ARRAY:
          return tooDeep(p, depth) ? NullNode.getInstance() : readArray(p, depth);
        case VALUE_STRING:
          return TextNode.valueOf(p.getText());
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

    void error(String code, String message) {
      errors.add(new EventError(index, path.toString(), code, message));
    }

    private String where(int line, int column) {
      return line < 0 ? "" : " (line " + (line + lineOffset) + ", column " + column + ")";
    }
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
