package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.WindowType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlySessionStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Reads the windows of an aggregate out of its state store ({@link AggregateTopology#STORE}): the
 * windows that start in {@code [from, to)}, of some group keys or of all, each rendered as the
 * {@code data} of its result event. Works on any {@link ReadOnlyWindowStore} or {@link
 * ReadOnlySessionStore} of group keys to accumulators, a Kafka Streams instance's or a
 * TopologyTestDriver's.
 *
 * <pre>{@code
 * List<ObjectNode> windows =
 *     AggregateWindowsReader.fromWindowStore(spec, store, Optional.empty(), from, to);
 * }</pre>
 */
public final class AggregateWindowsReader {
  /** Windows in the order the results API lists them: by start, then by group. */
  public static final Comparator<ObjectNode> ORDER =
      Comparator.<ObjectNode, Instant>comparing(w -> Instant.parse(w.get("window_start").asText()))
          .thenComparing(w -> w.get("group").toString());

  private AggregateWindowsReader() {}

  /** The store type to ask Kafka Streams for, by the spec's window type. */
  public static boolean usesSessionStore(AggregateSpec spec) {
    return spec.window().type() == WindowType.SESSION;
  }

  static QueryableStoreType<ReadOnlyWindowStore<String, Accumulator>> windowStoreType() {
    return QueryableStoreTypes.windowStore();
  }

  static QueryableStoreType<ReadOnlySessionStore<String, Accumulator>> sessionStoreType() {
    return QueryableStoreTypes.sessionStore();
  }

  /** Windows of a tumbling or hopping aggregate; {@code keys} empty for all groups. */
  public static List<ObjectNode> fromWindowStore(
      AggregateSpec spec,
      ReadOnlyWindowStore<String, ?> store,
      Optional<? extends Collection<String>> keys,
      Instant requestedFrom,
      Instant to) {
    List<ObjectNode> windows = new ArrayList<>();
    Instant from = notBeforeEpoch(requestedFrom);
    if (!to.isAfter(from)) {
      return windows;
    }
    Instant lastStart = to.minusMillis(1);
    if (keys.isPresent()) {
      for (String key : keys.get()) {
        // fetch(key, key, ...) rather than fetch(key, ...): its entries carry their whole window.
        try (KeyValueIterator<Windowed<String>, ?> it = store.fetch(key, key, from, lastStart)) {
          addWindows(spec, it, windows);
        }
      }
    } else {
      try (KeyValueIterator<Windowed<String>, ?> it = store.fetchAll(from, lastStart)) {
        addWindows(spec, it, windows);
      }
    }
    windows.sort(ORDER);
    return windows;
  }

  /** Sessions of a session-window aggregate that start in [from, to); all groups when empty. */
  public static List<ObjectNode> fromSessionStore(
      AggregateSpec spec,
      ReadOnlySessionStore<String, ?> store,
      Optional<? extends Collection<String>> keys,
      Instant requestedFrom,
      Instant to) {
    List<ObjectNode> windows = new ArrayList<>();
    Instant from = notBeforeEpoch(requestedFrom);
    if (!to.isAfter(from)) {
      return windows;
    }
    // A session starting in [from, to) ends at or after from and starts at or before to - 1 ms.
    long earliestEnd = from.toEpochMilli();
    long latestStart = to.toEpochMilli() - 1;
    if (keys.isPresent()) {
      for (String key : keys.get()) {
        try (KeyValueIterator<Windowed<String>, ?> it =
            store.findSessions(key, earliestEnd, latestStart)) {
          addSessions(spec, it, from, windows);
        }
      }
    } else {
      try (KeyValueIterator<Windowed<String>, ?> it =
          store.findSessions(null, null, earliestEnd, latestStart)) {
        addSessions(spec, it, from, windows);
      }
    }
    windows.sort(ORDER);
    return windows;
  }

  /** Stores hold no time before 1970 and refuse to be asked for one. */
  private static Instant notBeforeEpoch(Instant instant) {
    return instant.isBefore(Instant.EPOCH) ? Instant.EPOCH : instant;
  }

  private static void addWindows(
      AggregateSpec spec, KeyValueIterator<Windowed<String>, ?> it, List<ObjectNode> windows) {
    while (it.hasNext()) {
      KeyValue<Windowed<String>, ?> entry = it.next();
      windows.add(AggregateResultProcessor.data(spec, entry.key, (Accumulator) entry.value));
    }
  }

  private static void addSessions(
      AggregateSpec spec,
      KeyValueIterator<Windowed<String>, ?> it,
      Instant from,
      List<ObjectNode> windows) {
    while (it.hasNext()) {
      KeyValue<Windowed<String>, ?> entry = it.next();
      if (entry.value != null && entry.key.window().start() >= from.toEpochMilli()) {
        windows.add(AggregateResultProcessor.data(spec, entry.key, (Accumulator) entry.value));
      }
    }
  }
}
