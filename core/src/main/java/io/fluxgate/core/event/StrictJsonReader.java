package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames request bodies (one event, a JSON array, or NDJSON lines) and hands each event to an
 * {@link EventTreeReader}, after checking the body size and its UTF-8. Every problem goes to the
 * caller's error list; semantic checks are {@link EventBinder}'s job.
 */
final class StrictJsonReader {

  /** An event's tree as read; {@code node} is null when the event could not be read at all. */
  record RawEvent(int index, JsonNode node) {}

  private final EventLimits limits;
  private final JsonFactory factory;

  StrictJsonReader(EventLimits limits) {
    this.limits = limits;
    this.factory = factoryBuilder(limits).build();
  }

  /** The parser settings of event bodies: Jackson's defaults, with a nesting bound for abuse. */
  static JsonFactoryBuilder factoryBuilder(EventLimits limits) {
    // EventTreeReader's depth check reports the path and carries on; Jackson's bound stops abuse.
    int jacksonDepth = (int) Math.min(Integer.MAX_VALUE, limits.maxDepth() + 1000L);
    return new JsonFactoryBuilder()
        .streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(jacksonDepth).build());
  }

  /** Reads a body holding one event object. */
  List<RawEvent> readSingle(byte[] body, List<EventError> errors) {
    List<RawEvent> events = new ArrayList<>(1);
    if (!precheck(body, errors)) {
      return events;
    }
    EventTreeReader r = new EventTreeReader(limits, errors, 0, false);
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
    EventTreeReader r = new EventTreeReader(limits, errors, 0, true);
    try (JsonParser p = factory.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_ARRAY) {
        r.error(
            first == null ? EventError.MALFORMED_JSON : EventError.WRONG_TYPE,
            "a batch must be a JSON array of event objects");
        return events;
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (!r.next(events.size())) {
          return events;
        }
        events.add(new RawEvent(r.index(), r.readEvent(p)));
      }
      r.expectEnd(p);
    } catch (IOException | NumberFormatException e) {
      r.fail(e);
      return events;
    }
    requireSome(events, errors);
    return events;
  }

  /**
   * Reads newline-delimited JSON: one event object per non-blank line.
   *
   * <p>This method runs once per request over a body of up to megabytes, so the JIT compiles it
   * late (by on-stack replacement, after many requests); the per-byte scan and the per-line work
   * are therefore in small methods called once per line, which are compiled early by invocation
   * count. Inlined here, the whole batch ran interpreted for the first minute of load.
   */
  List<RawEvent> readLines(byte[] body, List<EventError> errors) {
    List<RawEvent> events = new ArrayList<>();
    if (!precheck(body, errors)) {
      return events;
    }
    int line = 0;
    for (int start = 0; start < body.length; ) {
      int end = lineEnd(body, start);
      if (!isBlank(body, start, end) && !readLine(body, start, end, line, events, errors)) {
        return events;
      }
      line++;
      start = end + 1;
    }
    requireSome(events, errors);
    return events;
  }

  /** The index of the first {@code '\n'} at or after {@code start}, or the body's length. */
  static int lineEnd(byte[] body, int start) {
    for (int i = start; i < body.length; i++) {
      if (body[i] == '\n') {
        return i;
      }
    }
    return body.length;
  }

  /** Reads line {@code line} (0-based) into {@code events}; false once the batch limit is hit. */
  private boolean readLine(
      byte[] body, int start, int end, int line, List<RawEvent> events, List<EventError> errors) {
    EventTreeReader r = new EventTreeReader(limits, errors, line, false);
    if (!r.next(events.size())) {
      return false;
    }
    try (JsonParser p = factory.createParser(body, start, end - start)) {
      p.nextToken();
      events.add(new RawEvent(r.index(), r.readEvent(p)));
      r.expectEnd(p);
    } catch (IOException | NumberFormatException e) {
      r.fail(e);
      events.add(new RawEvent(r.index(), null));
    }
    return true;
  }

  private boolean precheck(byte[] body, List<EventError> errors) {
    EventError problem = bodyProblem(body, limits);
    if (problem != null) {
      errors.add(problem);
      return false;
    }
    return true;
  }

  /** Whether the body passes the checks made before parsing (size, UTF-8, no leading NUL). */
  static boolean passesPrecheck(byte[] body, EventLimits limits) {
    return bodyProblem(body, limits) == null;
  }

  private static EventError bodyProblem(byte[] body, EventLimits limits) {
    if (body.length > limits.maxBodyBytes()) {
      return new EventError(
          0,
          "",
          EventError.TOO_LARGE,
          "the body has "
              + body.length
              + " bytes; at most "
              + limits.maxBodyBytes()
              + " are allowed");
    }
    String utf8Problem = Utf8.problem(body);
    if (utf8Problem != null) {
      return new EventError(0, "", EventError.INVALID_UTF8, utf8Problem);
    }
    // Jackson guesses UTF-16/32 from NUL bytes at the start; JSON text never starts with NUL.
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return new EventError(
            0, "", EventError.MALFORMED_JSON, "NUL byte at offset " + i + "; expected JSON");
      }
    }
    return null;
  }

  private static void requireSome(List<RawEvent> events, List<EventError> errors) {
    if (events.isEmpty() && errors.isEmpty()) {
      errors.add(new EventError(0, "", EventError.INVALID_VALUE, "the batch contains no events"));
    }
  }

  static boolean isBlank(byte[] body, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = body[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
