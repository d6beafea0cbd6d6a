package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What one stream processor instance reports about one topology it runs, every second, on the
 * compacted {@code _fluxgate.topology-status} topic keyed {@code <name>/<instance id>}.
 *
 * @param state the Kafka Streams state in lowercase ({@code running}, {@code rebalancing}, ...), or
 *     {@code failed} once the instance gave up on it
 * @param lag events on the input partitions not yet committed by the topology's consumer group
 * @param processed events that matched its inputs, on this instance since it started
 * @param ratePerSecond matched events per second over the last interval
 * @param published result events published
 * @param lateDropped records Kafka Streams dropped (late past the grace)
 * @param undecodable input records that could not be decoded
 * @param lastError the last uncaught error, or null
 * @param generation the generation of the spec it runs
 */
public record TopologyStatus(
    String state,
    long lag,
    long processed,
    double ratePerSecond,
    long published,
    long lateDropped,
    long undecodable,
    String lastError,
    Instant updatedAt,
    String generation) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The key of an instance's report on a topology. */
  public static String key(String name, String instanceId) {
    return name + "/" + instanceId;
  }

  /** The topology name in a report's key. */
  public static String nameOf(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? key : key.substring(0, slash);
  }

  public byte[] toBytes() {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("state", state);
    json.put("lag", lag);
    json.put("processed", processed);
    json.put("rate_per_second", ratePerSecond);
    json.put("published", published);
    json.put("late_dropped", lateDropped);
    json.put("undecodable", undecodable);
    json.put("last_error", lastError);
    json.put("updated_at", updatedAt.toString());
    json.put("generation", generation);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @throws IOException when the bytes are not a status report
   */
  public static TopologyStatus fromBytes(byte[] value) throws IOException {
    JsonNode json = MAPPER.readTree(value);
    if (json == null || !json.path("state").isTextual()) {
      throw new IOException("not a topology status: no state");
    }
    try {
      return new TopologyStatus(
          json.get("state").asText(),
          json.path("lag").asLong(),
          json.path("processed").asLong(),
          json.path("rate_per_second").asDouble(),
          json.path("published").asLong(),
          json.path("late_dropped").asLong(),
          json.path("undecodable").asLong(),
          json.path("last_error").isTextual() ? json.get("last_error").asText() : null,
          Instant.parse(json.path("updated_at").asText()),
          json.path("generation").asText());
    } catch (DateTimeParseException e) {
      throw new IOException("not a topology status: bad updated_at", e);
    }
  }
}
