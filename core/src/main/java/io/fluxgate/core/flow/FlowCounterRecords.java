package io.fluxgate.core.flow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The records of {@link PlatformTopics#FLOW_COUNTERS}: a grow-only counter per subscription, made
 * of one entry per writer. Key {@code <subscription id>/<writer id>}, value the writer's own
 * cumulative {@link FlowCounts} as JSON. Each writer owns its key, so writers never race, and
 * compaction keeps each one's latest total; a subscription's count is the sum over its keys.
 */
public final class FlowCounterRecords {
  private static final char SEPARATOR = '/';
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private FlowCounterRecords() {}

  public static String key(String subscriptionId, String writerId) {
    if (writerId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a writer id cannot contain '/': " + writerId);
    }
    return subscriptionId + SEPARATOR + writerId;
  }

  /** The subscription a key counts for; empty for a key that is not one of ours. */
  public static Optional<String> subscriptionOf(String key) {
    int at = key == null ? -1 : key.lastIndexOf(SEPARATOR);
    return at <= 0 ? Optional.empty() : Optional.of(key.substring(0, at));
  }

  public static byte[] encode(FlowCounts counts) {
    try {
      return MAPPER.writeValueAsBytes(counts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes a writer's totals; a record that is not one throws {@link IOException}. */
  public static FlowCounts decode(byte[] json) throws IOException {
    return MAPPER.readValue(json, FlowCounts.class);
  }
}
