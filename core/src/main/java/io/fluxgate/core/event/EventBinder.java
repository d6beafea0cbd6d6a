package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.Priority;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks one event's JSON tree against the contract and builds the {@link UniversalEvent}, filling
 * defaults. Every problem is recorded; an explicit JSON null counts as absent.
 */
final class EventBinder {

  static final String DEFAULT_VERSION = "1.0";

  private static final Set<String> FIELDS = Set.copyOf(DirectEventReader.ENVELOPE_FIELDS);
  private static final Set<String> SOURCE_FIELDS = Set.copyOf(DirectEventReader.SOURCE_FIELDS);

  private final EventLimits limits;
  private final Clock clock;

  EventBinder(EventLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** The event, or null when {@code errors} received at least one problem. */
  UniversalEvent bind(int index, JsonNode node, List<EventError> errors) {
    Problems problems = new Problems(index, errors);
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        problems.unknown(field.getKey(), "");
      }
    }
    String eventType = string(node, "event_type", problems);
    if (eventType == null) {
      if (!problems.has("event_type")) {
        problems.add("event_type", EventError.MISSING_FIELD, "event_type is required");
      }
    } else {
      Optional<String> problem = EventTypes.problem(eventType, limits.maxEventTypeLength());
      problem.ifPresent(p -> problems.add("event_type", EventError.INVALID_VALUE, p));
    }
    String id = id(node, problems);
    Instant timestamp = timestamp(node, problems);
    String version = version(node, problems);
    Priority priority = priority(node, problems);
    EventSource source = source(node, problems);
    Long ttl = ttl(node, problems);
    Map<String, String> metadata = metadata(node, problems);
    if (problems.count > 0) {
      return null;
    }
    return new UniversalEvent(
        eventType,
        id,
        timestamp,
        version,
        priority,
        source,
        ttl,
        metadata,
        JsonData.toAvro(node.get("data")));
  }

  private static String id(JsonNode node, Problems problems) {
    String id = string(node, "id", problems);
    if (id == null) {
      return UUID.randomUUID().toString();
    }
    if (!isCanonicalUuid(id)) {
      problems.add(
          "id",
          EventError.INVALID_VALUE,
          "id must be a UUID like 550e8400-e29b-41d4-a716-446655440000");
      return id;
    }
    return id.toLowerCase(Locale.ROOT);
  }

  private Instant timestamp(JsonNode node, Problems problems) {
    String text = string(node, "timestamp", problems);
    if (text != null) {
      try {
        return Timestamps.parse(text);
      } catch (DateTimeParseException e) {
        problems.add(
            "timestamp",
            EventError.INVALID_VALUE,
            "timestamp must be an RFC 3339 date-time like 2025-07-25T10:30:45.123Z");
      }
    }
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String version(JsonNode node, Problems problems) {
    String version = string(node, "version", problems);
    if (version == null) {
      return DEFAULT_VERSION;
    }
    if (version.isBlank()) {
      problems.add("version", EventError.INVALID_VALUE, "version must not be blank");
    }
    return version;
  }

  private static Priority priority(JsonNode node, Problems problems) {
    String text = string(node, "priority", problems);
    if (text == null) {
      return Priority.NORMAL;
    }
    switch (text) {
      case "critical":
        return Priority.CRITICAL;
      case "high":
        return Priority.HIGH;
      case "normal":
        return Priority.NORMAL;
      case "low":
        return Priority.LOW;
      default:
        problems.add(
            "priority",
            EventError.INVALID_VALUE,
            "priority must be one of critical, high, normal, low");
        return Priority.NORMAL;
    }
  }

  private static EventSource source(JsonNode node, Problems problems) {
    EventSource source = new EventSource();
    JsonNode value = node.get("source");
    if (value != null && !value.isNull()) {
      if (!value.isObject()) {
        problems.add("source", EventError.WRONG_TYPE, "source must be an object");
      } else {
        for (Map.Entry<String, JsonNode> field : value.properties()) {
          if (!SOURCE_FIELDS.contains(field.getKey())) {
            problems.unknown(field.getKey(), "source");
          }
        }
        source.setComponent(string(value, "component", "source.component", problems));
        source.setInstanceId(string(value, "instance_id", "source.instance_id", problems));
        source.setCorrelationId(string(value, "correlation_id", "source.correlation_id", problems));
      }
    }
    String alias = string(node, "correlation_id", problems);
    if (alias != null) {
      if (source.getCorrelationId() == null) {
        source.setCorrelationId(alias);
      } else if (!alias.equals(source.getCorrelationId())) {
        problems.add(
            "correlation_id",
            EventError.INVALID_VALUE,
            "correlation_id differs from source.correlation_id; give it once");
      }
    }
    return source;
  }

  private static Long ttl(JsonNode node, Problems problems) {
    JsonNode value = node.get("ttl_seconds");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      problems.add("ttl_seconds", EventError.WRONG_TYPE, "ttl_seconds must be a number");
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
      problems.add(
          "ttl_seconds",
          EventError.INVALID_VALUE,
          "ttl_seconds must be a positive whole number of seconds");
      return null;
    }
    return value.longValue();
  }

  private static Map<String, String> metadata(JsonNode node, Problems problems) {
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode value = node.get("metadata");
    if (value == null || value.isNull()) {
      return metadata;
    }
    if (!value.isObject()) {
      problems.add("metadata", EventError.WRONG_TYPE, "metadata must be an object of strings");
      return metadata;
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (entry.getValue().isTextual()) {
        metadata.put(entry.getKey(), entry.getValue().textValue());
      } else {
        problems.add(
            JsonPath.child("metadata", entry.getKey()),
            EventError.WRONG_TYPE,
            "metadata values must be strings");
      }
    }
    return metadata;
  }

  private static String string(JsonNode node, String name, Problems problems) {
    return string(node, name, name, problems);
  }

  private static String string(JsonNode node, String name, String path, Problems problems) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      problems.add(path, EventError.WRONG_TYPE, path + " must be a string");
      return null;
    }
    return value.textValue();
  }

  /** Canonical 8-4-4-4-12 hexadecimal form, either case. */
  static boolean isCanonicalUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean ok =
          (i == 8 || i == 13 || i == 18 || i == 23)
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Error sink for one event. */
  private static final class Problems {
    final int index;
    final List<EventError> errors;
    int count;

    Problems(int index, List<EventError> errors) {
      this.index = index;
      this.errors = errors;
    }

    void add(String field, String code, String message) {
      errors.add(new EventError(index, field, code, message));
      count++;
    }

    void unknown(String name, String parent) {
      add(JsonPath.child(parent, name), EventError.UNKNOWN_FIELD, "unknown field \"" + name + "\"");
    }

    boolean has(String field) {
      for (int i = errors.size() - count; i < errors.size(); i++) {
        if (errors.get(i).field().equals(field)) {
          return true;
        }
      }
      return false;
    }
  }
}
