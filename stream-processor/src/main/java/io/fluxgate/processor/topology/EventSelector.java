package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.UniversalEvent;
import io.fluxgate.schemas.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Picks the events a topology reads: the type (from the record header, before any decoding) must
 * match one of the globs; then the value is decoded and, if there is one, the CEL filter must
 * match. An event whose value cannot be decoded is skipped and counted by the caller; a registry
 * that cannot answer is thrown, so the task retries instead of losing the event.
 *
 * <pre>{@code
 * EventSelector selector = new EventSelector(List.of("request.*"), null, codec);
 * Optional<EventSelector.Selected> e = selector.select(record.headers(), record.value());
 * }</pre>
 */
final class EventSelector {
  private final List<GlobPattern> globs;
  private final EventFilter filter;
  private final EventCodec codec;

  EventSelector(List<String> globs, String filter, EventCodec codec) {
    this.globs = globs.stream().map(GlobPattern::compile).toList();
    this.filter = filter == null ? null : EventFilterCompiler.compile(filter);
    this.codec = codec;
  }

  /** Whether an event of this type is read (before decoding it). */
  boolean matchesType(String eventType) {
    for (GlobPattern glob : globs) {
      if (glob.matches(eventType)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The event, when it is one this topology reads.
   *
   * @throws UndecodableEventException when the value is not an event the registry can describe
   */
  Optional<Selected> select(Headers headers, byte[] value) {
    String type = eventType(headers);
    if (type == null || !matchesType(type)) {
      return Optional.empty();
    }
    return decoded(value).filter(s -> filter == null || filter.evaluate(s.variables()).matched());
  }

  /** Decodes any event value (for topologies that pick by type themselves), with its variables. */
  Optional<Selected> decoded(byte[] value) {
    return event(value).map(event -> new Selected(event, FilterVariables.of(event)));
  }

  /**
   * Decodes any event value without building its filter variables: for steps that read only a few
   * fields of the event, where the variables (every {@code data} member converted) would cost more
   * than the decoding.
   *
   * @throws UndecodableEventException when the value is not an event the registry can describe
   */
  Optional<UniversalEvent> event(byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(value));
    } catch (SchemaRegistryException e) {
      if (e.status() >= 500) {
        throw e;
      }
      throw new UndecodableEventException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UndecodableEventException(e.getMessage());
    }
  }

  static String eventType(Headers headers) {
    Header header = headers.lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** A selected event and its variables (paths read from these). */
  record Selected(UniversalEvent event, Map<String, Object> variables) {}

  /** A value that is not a decodable event: skipped and counted, never retried. */
  static final class UndecodableEventException extends RuntimeException {
    UndecodableEventException(String message) {
      super(message);
    }
  }
}
