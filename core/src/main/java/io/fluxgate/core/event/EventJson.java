package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.avro.EventSource;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads published events from JSON request bodies and writes them back as contract JSON.
 *
 * <p>Parsing is strict and all-or-nothing: every problem of every event is collected and thrown as
 * one {@link EventRejectedException}. Missing {@code id}, {@code timestamp}, {@code version} and
 * {@code priority} get their defaults; {@code data} is kept exactly (number scale, big integers,
 * key order).
 *
 * <p>A valid body is read straight into events ({@link DirectEventReader}); a body with any problem
 * is read again by the strict reader, which builds a tree per event to name every problem with its
 * path. Both accept the same bodies and yield the same events.
 *
 * <pre>{@code
 * EventJson json = new EventJson(EventLimits.defaults(), Clock.systemUTC());
 * List<UniversalEvent> events = json.parseBatch(body, false);  // or parseEvent(body)
 * byte[] echoed = json.writeJson(events.get(0));
 * }</pre>
 *
 * Instances are immutable and thread-safe.
 */
public final class EventJson {

  private static final ObjectMapper MAPPER = newMapper();

  private final DirectEventReader direct;
  private final StrictJsonReader reader;
  private final EventBinder binder;

  public EventJson(EventLimits limits, Clock clock) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    this.direct = new DirectEventReader(limits, clock);
    this.reader = new StrictJsonReader(limits);
    this.binder = new EventBinder(limits, clock);
  }

  /**
   * A shared mapper configured like the event parser: exact numbers ({@code BigDecimal} keeping its
   * scale), duplicate keys and trailing tokens refused. Do not reconfigure it; {@code copy()} it.
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses a body holding one event object.
   *
   * @throws EventRejectedException listing every problem, all with index 0
   */
  public UniversalEvent parseEvent(byte[] body) {
    Objects.requireNonNull(body, "body");
    UniversalEvent event = direct.readSingle(body);
    return event != null ? event : parseEventStrictly(body);
  }

  /** {@link #parseEvent} by the strict reader alone. */
  UniversalEvent parseEventStrictly(byte[] body) {
    List<EventError> errors = new ArrayList<>();
    List<UniversalEvent> events = bind(reader.readSingle(body, errors), errors);
    return events.get(0);
  }

  /**
   * Parses a batch: a JSON array of event objects or, with {@code ndjson}, one event object per
   * non-blank line (indexes count events, not lines). All or nothing.
   *
   * @throws EventRejectedException listing every problem of every event
   */
  public List<UniversalEvent> parseBatch(byte[] body, boolean ndjson) {
    Objects.requireNonNull(body, "body");
    List<UniversalEvent> events = ndjson ? direct.readLines(body) : direct.readArray(body);
    return events != null ? events : parseBatchStrictly(body, ndjson);
  }

  /** {@link #parseBatch} by the strict reader alone. */
  List<UniversalEvent> parseBatchStrictly(byte[] body, boolean ndjson) {
    List<EventError> errors = new ArrayList<>();
    List<StrictJsonReader.RawEvent> raw =
        ndjson ? reader.readLines(body, errors) : reader.readArray(body, errors);
    return bind(raw, errors);
  }

  private List<UniversalEvent> bind(List<StrictJsonReader.RawEvent> raw, List<EventError> errors) {
    List<UniversalEvent> events = new ArrayList<>(raw.size());
    for (StrictJsonReader.RawEvent event : raw) {
      if (event.node() != null && event.node().isObject()) {
        events.add(binder.bind(event.index(), event.node(), errors));
      }
    }
    if (!errors.isEmpty()) {
      errors.sort((a, b) -> Integer.compare(a.index(), b.index()));
      throw new EventRejectedException(errors);
    }
    return events;
  }

  /**
   * The contract JSON of {@code event}: timestamp in UTC (as {@code Instant.toString()}, by {@link
   * InstantText}), priority in lowercase, {@code data} as published, metadata sorted by key; empty
   * source, empty metadata and absent ttl_seconds are omitted.
   */
  public ObjectNode toJson(UniversalEvent event) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("id", event.getId());
    json.put("event_type", event.getEventType());
    json.put("timestamp", InstantText.format(event.getTimestamp()));
    json.put("version", event.getVersion());
    EventSource source = event.getSource();
    if (source != null) {
      ObjectNode sourceJson = json.objectNode();
      putIfPresent(sourceJson, "component", source.getComponent());
      putIfPresent(sourceJson, "instance_id", source.getInstanceId());
      putIfPresent(sourceJson, "correlation_id", source.getCorrelationId());
      if (!sourceJson.isEmpty()) {
        json.set("source", sourceJson);
      }
    }
    json.set("data", JsonData.toJson(event.getData()));
    Map<String, String> metadata = event.getMetadata();
    if (metadata != null && !metadata.isEmpty()) {
      ObjectNode metadataJson = json.putObject("metadata");
      new TreeMap<>(metadata).forEach(metadataJson::put);
    }
    json.put("priority", event.getPriority().name().toLowerCase(Locale.ROOT));
    Long ttl = event.getTtlSeconds();
    if (ttl != null) {
      // Same node type as Jackson reading the number, so trees compare equal.
      if (ttl == ttl.intValue()) {
        json.put("ttl_seconds", ttl.intValue());
      } else {
        json.put("ttl_seconds", ttl.longValue());
      }
    }
    return json;
  }

  /** {@link #toJson} as compact UTF-8 bytes. */
  public byte[] writeJson(UniversalEvent event) {
    try {
      return MAPPER.writeValueAsBytes(toJson(event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write event " + event.getId(), e);
    }
  }

  private static void putIfPresent(ObjectNode json, String name, String value) {
    if (value != null) {
      json.put(name, value);
    }
  }

  private static ObjectMapper newMapper() {
    return JsonMapper.builder(new JsonFactory())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        // Keeps 1.10 as 1.10 (the replacement of JsonNodeFactory.withExactBigDecimals).
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }
}
