package io.fluxgate.gateway.core.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the next page of a query starts: the next offset to consider on each partition of the event
 * topics. Opaque to clients (base64url of {@code {"<topic>": {"<partition>": offset}}}); a
 * partition it does not name starts at the query's {@code from}.
 */
public record QueryCursor(Map<TopicPartition, Long> offsets) {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, Map<Integer, Long>>> SHAPE =
      new TypeReference<>() {};

  public QueryCursor {
    offsets = Map.copyOf(offsets);
  }

  public String encode() {
    Map<String, Map<Integer, Long>> tree = new TreeMap<>();
    offsets.forEach(
        (tp, offset) ->
            tree.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), offset));
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MAPPER.writeValueAsBytes(tree));
    } catch (IOException e) {
      throw new IllegalStateException("a map of numbers is always JSON", e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a cursor this gateway wrote
   */
  public static QueryCursor decode(String text) {
    Map<String, Map<Integer, Long>> tree;
    try {
      tree = MAPPER.readValue(Base64.getUrlDecoder().decode(text), SHAPE);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not a cursor returned by this API", e);
    }
    if (tree == null) {
      throw new IllegalArgumentException("cursor is not a cursor returned by this API");
    }
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    tree.forEach(
        (topic, partitions) -> {
          if (partitions == null) {
            throw new IllegalArgumentException("cursor is not a cursor returned by this API");
          }
          partitions.forEach(
              (partition, offset) -> {
                if (partition == null || partition < 0 || offset == null || offset < 0) {
                  throw new IllegalArgumentException("cursor holds an invalid position");
                }
                offsets.put(new TopicPartition(topic, partition), offset);
              });
        });
    return new QueryCursor(offsets);
  }
}
