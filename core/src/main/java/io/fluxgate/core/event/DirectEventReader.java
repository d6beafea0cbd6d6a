package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads valid bodies straight from Jackson's tokens into {@link UniversalEvent}s, without the tree
 * that {@link StrictJsonReader} and {@link EventBinder} build to explain problems.
 *
 * <p>It accepts exactly what the strict path accepts and yields the same events; at the first sign
 * of a problem (or anything it does not handle) it <em>declines</em> by returning {@code null}, and
 * the caller reads the body again with the strict path, which produces the error list. So the
 * answer for invalid input is the strict path's, byte for byte, and this class only has to be right
 * about valid input: every check the strict path makes is made here as a yes/no.
 */
final class DirectEventReader {

  /** Thrown to abandon a body; carries no stack trace, since declining is an ordinary answer. */
  private static final class Declined extends Exception {
    private static final Declined INSTANCE = new Declined();

    private Declined() {
      super(null, null, false, false);
    }
  }

  /** The envelope's members; a member's bit in the duplicate check is its ordinal. */
  private enum Member {
    EVENT_TYPE("event_type"),
    ID("id"),
    TIMESTAMP("timestamp"),
    VERSION("version"),
    PRIORITY("priority"),
    CORRELATION_ID("correlation_id"),
    SOURCE("source"),
    TTL_SECONDS("ttl_seconds"),
    METADATA("metadata"),
    DATA("data");

    private static final Map<String, Member> BY_NAME = new HashMap<>();

    static {
      for (Member member : values()) {
        BY_NAME.put(member.json, member);
      }
    }

    final String json;

    Member(String json) {
      this.json = json;
    }
  }

  /** The envelope's member names, in the contract's order. */
  static final List<String> ENVELOPE_FIELDS =
      Arrays.stream(Member.values()).map(m -> m.json).toList();

  static final List<String> SOURCE_FIELDS = List.of("component", "instance_id", "correlation_id");

  /** Objects up to this many members are checked for duplicate keys by comparing names. */
  private static final int LINEAR_DUPLICATE_CHECK = 16;

  private final EventLimits limits;
  private final Clock clock;
  private final JsonFactory factory;

  DirectEventReader(EventLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    // The strict reader's parser settings. Duplicate keys are found here, not by Jackson's
    // STRICT_DUPLICATE_DETECTION: its HashSet per object was a third of the time of a read.
    this.factory = StrictJsonReader.factoryBuilder(limits).build();
  }

  /** The one event of the body, or null to decline. */
  UniversalEvent readSingle(byte[] body) {
    if (!StrictJsonReader.passesPrecheck(body, limits)) {
      return null;
    }
    try (JsonParser p = factory.createParser(body)) {
      UniversalEvent event = readEvent(p, p.nextToken());
      return p.nextToken() == null ? event : null;
    } catch (Declined | IOException | RuntimeException e) {
      return null;
    }
  }

  /** The events of a JSON array, or null to decline. */
  List<UniversalEvent> readArray(byte[] body) {
    if (!StrictJsonReader.passesPrecheck(body, limits)) {
      return null;
    }
    List<UniversalEvent> events = new ArrayList<>();
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (events.size() >= limits.maxBatchEvents()) {
          return null;
        }
        events.add(readEvent(p, t));
      }
      return p.nextToken() == null && !events.isEmpty() ? events : null;
    } catch (Declined | IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The events of newline-delimited JSON, or null to decline. Lines are cut as the strict reader
   * cuts them ({@link StrictJsonReader#lineEnd}, {@link StrictJsonReader#isBlank}), one parser a
   * line, so a value spanning lines or two values on a line decline as they fail there.
   */
  List<UniversalEvent> readLines(byte[] body) {
    if (!StrictJsonReader.passesPrecheck(body, limits)) {
      return null;
    }
    List<UniversalEvent> events = new ArrayList<>();
    try {
      for (int start = 0; start < body.length; ) {
        int end = StrictJsonReader.lineEnd(body, start);
        if (!StrictJsonReader.isBlank(body, start, end)) {
          if (events.size() >= limits.maxBatchEvents()) {
            return null;
          }
          events.add(readLine(body, start, end));
        }
        start = end + 1;
      }
    } catch (Declined | IOException | RuntimeException e) {
      return null;
    }
    return events.isEmpty() ? null : events;
  }

  private UniversalEvent readLine(byte[] body, int start, int end) throws IOException, Declined {
    try (JsonParser p = factory.createParser(body, start, end - start)) {
      UniversalEvent event = readEvent(p, p.nextToken());
      if (p.nextToken() != null) {
        throw Declined.INSTANCE;
      }
      return event;
    }
  }

  /** One event object starting at {@code first}; the parser is left on its end. */
  private UniversalEvent readEvent(JsonParser p, JsonToken first) throws IOException, Declined {
    if (first != JsonToken.START_OBJECT || 1 > limits.maxDepth()) {
      throw Declined.INSTANCE;
    }
    long start = p.currentTokenLocation().getByteOffset();
    String eventType = null;
    String id = null;
    String timestamp = null;
    String version = null;
    String priority = null;
    String correlationAlias = null;
    EventSource source = new EventSource();
    Long ttl = null;
    Map<String, String> metadata = new LinkedHashMap<>();
    Object data = null;
    int seen = 0;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      // One lookup per member: it names the member and gives its bit for the duplicate check.
      Member member = Member.BY_NAME.get(p.currentName());
      seen = once(seen, member == null ? -1 : member.ordinal());
      JsonToken value = p.nextToken();
      switch (member) {
        case EVENT_TYPE -> eventType = string(p, value);
        case ID -> id = string(p, value);
        case TIMESTAMP -> timestamp = string(p, value);
        case VERSION -> version = string(p, value);
        case PRIORITY -> priority = string(p, value);
        case CORRELATION_ID -> correlationAlias = string(p, value);
        case SOURCE -> readSource(p, value, source);
        case TTL_SECONDS -> ttl = ttl(p, value);
        case METADATA -> readMetadata(p, value, metadata);
        case DATA -> data = value(p, value, 2);
      }
    }
    long size = p.currentLocation().getByteOffset() - start;
    if (start >= 0 && size > limits.maxEventBytes()) {
      throw Declined.INSTANCE;
    }
    if (correlationAlias != null) {
      if (source.getCorrelationId() == null) {
        source.setCorrelationId(correlationAlias);
      } else if (!correlationAlias.equals(source.getCorrelationId())) {
        throw Declined.INSTANCE;
      }
    }
    return new UniversalEvent(
        eventType(eventType),
        id(id),
        timestamp(timestamp),
        version(version),
        priority(priority),
        source,
        ttl,
        metadata,
        new JsonValue(data));
  }

  private String eventType(String eventType) throws Declined {
    if (eventType == null
        || EventTypes.problem(eventType, limits.maxEventTypeLength()).isPresent()) {
      throw Declined.INSTANCE;
    }
    return eventType;
  }

  private static String id(String id) throws Declined {
    if (id == null) {
      return UUID.randomUUID().toString();
    }
    if (!EventBinder.isCanonicalUuid(id)) {
      throw Declined.INSTANCE;
    }
    return id.toLowerCase(Locale.ROOT);
  }

  private Instant timestamp(String text) throws Declined {
    if (text == null) {
      return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
    try {
      return Timestamps.parse(text);
    } catch (DateTimeParseException e) {
      throw Declined.INSTANCE;
    }
  }

  private static String version(String version) throws Declined {
    if (version == null) {
      return EventBinder.DEFAULT_VERSION;
    }
    if (version.isBlank()) {
      throw Declined.INSTANCE;
    }
    return version;
  }

  private static Priority priority(String text) throws Declined {
    if (text == null) {
      return Priority.NORMAL;
    }
    return switch (text) {
      case "critical" -> Priority.CRITICAL;
      case "high" -> Priority.HIGH;
      case "normal" -> Priority.NORMAL;
      case "low" -> Priority.LOW;
      default -> throw Declined.INSTANCE;
    };
  }

  private void readSource(JsonParser p, JsonToken token, EventSource source)
      throws IOException, Declined {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT || 2 > limits.maxDepth()) {
      throw Declined.INSTANCE;
    }
    int seen = 0;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      seen = once(seen, SOURCE_FIELDS.indexOf(name));
      JsonToken value = p.nextToken();
      switch (name) {
        case "component" -> source.setComponent(string(p, value));
        case "instance_id" -> source.setInstanceId(string(p, value));
        case "correlation_id" -> source.setCorrelationId(string(p, value));
        default -> throw Declined.INSTANCE;
      }
    }
  }

  private static Long ttl(JsonParser p, JsonToken token) throws IOException, Declined {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        || p.getLongValue() <= 0) {
      throw Declined.INSTANCE;
    }
    return p.getLongValue();
  }

  private void readMetadata(JsonParser p, JsonToken token, Map<String, String> metadata)
      throws IOException, Declined {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT || 2 > limits.maxDepth()) {
      throw Declined.INSTANCE;
    }
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = checked(p.currentName());
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw Declined.INSTANCE;
      }
      if (metadata.put(key, checked(p.getText())) != null) {
        throw Declined.INSTANCE;
      }
    }
  }

  /** A string member's text; null for JSON null. */
  private static String string(JsonParser p, JsonToken token) throws IOException, Declined {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw Declined.INSTANCE;
    }
    return checked(p.getText());
  }

  /**
   * The member of {@link JsonValue} for the value at {@code token}, converted as {@link
   * JsonData#toAvro} converts the strict reader's node; {@code depth} counts the event object as 1.
   */
  private Object value(JsonParser p, JsonToken token, int depth) throws IOException, Declined {
    switch (token) {
      case START_OBJECT:
        return object(p, depth);
      case START_ARRAY:
        return array(p, depth);
      case VALUE_STRING:
        return checked(p.getText());
      case VALUE_NUMBER_INT:
        if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return p.getLongValue();
        }
        BigInteger big = p.getBigIntegerValue();
        return big.bitLength() < Long.SIZE
            ? (Object) big.longValue()
            : new JsonNumber(big.toString());
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(JsonData.decimalText(p.getDecimalValue()));
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw Declined.INSTANCE;
    }
  }

  private JsonObject object(JsonParser p, int depth) throws IOException, Declined {
    if (depth > limits.maxDepth()) {
      throw Declined.INSTANCE;
    }
    List<JsonField> fields = new ArrayList<>();
    Set<String> names = null;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = checked(p.currentName());
      if (fields.size() < LINEAR_DUPLICATE_CHECK) {
        for (JsonField field : fields) {
          if (field.getName().equals(name)) {
            throw Declined.INSTANCE;
          }
        }
      } else {
        if (names == null) {
          names = new HashSet<>();
          for (JsonField field : fields) {
            names.add(field.getName());
          }
        }
        if (!names.add(name)) {
          throw Declined.INSTANCE;
        }
      }
      fields.add(new JsonField(name, new JsonValue(value(p, p.nextToken(), depth + 1))));
    }
    return new JsonObject(fields);
  }

  /** {@code seen} with bit {@code field} set; declines an unknown field or one seen before. */
  private static int once(int seen, int field) throws Declined {
    if (field < 0 || (seen & (1 << field)) != 0) {
      throw Declined.INSTANCE;
    }
    return seen | (1 << field);
  }

  private List<JsonValue> array(JsonParser p, int depth) throws IOException, Declined {
    if (depth > limits.maxDepth()) {
      throw Declined.INSTANCE;
    }
    List<JsonValue> items = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      items.add(new JsonValue(value(p, t, depth + 1)));
    }
    return items;
  }

  /** {@code s}, unless it holds an unpaired surrogate (which the strict reader refuses). */
  private static String checked(String s) throws Declined {
    if (EventTreeReader.unpairedSurrogate(s) >= 0) {
      throw Declined.INSTANCE;
    }
    return s;
  }
}
