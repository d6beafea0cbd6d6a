package io.fluxgate.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads one correlation's timeline out of {@link TimelineTopology#STORE}: its events in time order
 * (equal times in the order they arrived), each once (an event stored twice after a retry under
 * at-least-once is shown once, by id), without events whose {@code ttl_seconds} has passed.
 */
public final class TimelineReader {
  private TimelineReader() {}

  public static List<ObjectNode> read(
      ReadOnlyWindowStore<String, byte[]> store, String correlationId, Instant now) {
    List<ObjectNode> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (WindowStoreIterator<byte[]> it =
        store.fetch(correlationId, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
      while (it.hasNext()) {
        KeyValue<Long, byte[]> entry = it.next();
        ObjectNode event = parse(entry.value);
        if (event != null && !isExpired(event, now) && seen.add(event.path("id").asText())) {
          events.add(event);
        }
      }
    }
    return events;
  }

  private static ObjectNode parse(byte[] json) {
    try {
      JsonNode node = EventJson.mapper().readTree(json);
      return node instanceof ObjectNode object ? object : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isExpired(ObjectNode event, Instant now) {
    JsonNode ttl = event.get("ttl_seconds");
    if (ttl == null || !ttl.canConvertToLong()) {
      return false;
    }
    try {
      long timestamp = Instant.parse(event.path("timestamp").asText()).toEpochMilli();
      long ttlMillis = TimeUnit.SECONDS.toMillis(ttl.asLong());
      long expiresAt = timestamp + ttlMillis;
      if (ttlMillis > 0 && expiresAt < timestamp) {
        return false; // a ttl so long it overflows: never
      }
      return expiresAt <= now.toEpochMilli();
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
