package io.fluxgate.gateway.core.ack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of lease log records: {@code {"type": "lease|ack|nack|seek", "request_id", ...}}, small
 * enough to read by hand: a lease names its offsets per partition, an ack or nack its ack ids.
 */
public final class AckCommandCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AckCommandCodec() {}

  public static byte[] encode(AckCommand command) {
    ObjectNode node = JSON.createObjectNode();
    node.put("request_id", command.requestId());
    if (command instanceof AckCommand.Lease lease) {
      node.put("type", "lease");
      node.put("lease_id", lease.leaseId());
      node.put("timeout_ms", lease.timeoutMs());
      ObjectNode from = node.putObject("from");
      lease.from().forEach((p, o) -> from.put(p.toString(), o));
      ObjectNode offsets = node.putObject("offsets");
      lease.offsets().forEach((p, list) -> list.forEach(offsets.putArray(p.toString())::add));
      ObjectNode voids = node.putObject("voids");
      lease
          .voids()
          .forEach(
              (p, ranges) -> {
                ArrayNode array = voids.putArray(p.toString());
                ranges.forEach(r -> array.addArray().add(r.start()).add(r.end()));
              });
    } else if (command instanceof AckCommand.Ack ack) {
      node.put("type", "ack");
      ack.entries().forEach(id -> node.withArray("entries").add(id.toString()));
    } else if (command instanceof AckCommand.Nack nack) {
      node.put("type", "nack");
      nack.entries().forEach(id -> node.withArray("entries").add(id.toString()));
    } else {
      node.put("type", "seek");
      ObjectNode positions = node.putObject("positions");
      ((AckCommand.Seek) command).positions().forEach((p, o) -> positions.put(p.toString(), o));
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code value} is not a lease log record
   */
  public static AckCommand decode(byte[] value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a lease log record");
    }
    String requestId = node.path("request_id").asText();
    return switch (node.path("type").asText()) {
      case "lease" ->
          new AckCommand.Lease(
              requestId,
              node.path("lease_id").asText(),
              node.path("timeout_ms").asLong(),
              longs(node.path("from")),
              offsets(node.path("offsets")),
              voids(node.path("voids")));
      case "ack" -> new AckCommand.Ack(requestId, ids(node.path("entries")));
      case "nack" -> new AckCommand.Nack(requestId, ids(node.path("entries")));
      case "seek" -> new AckCommand.Seek(requestId, longs(node.path("positions")));
      default -> throw new IllegalArgumentException("unknown record type " + node.path("type"));
    };
  }

  private static Map<Integer, Long> longs(JsonNode node) {
    Map<Integer, Long> result = new LinkedHashMap<>();
    fields(node)
        .forEachRemaining(e -> result.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
    return result;
  }

  private static Map<Integer, List<Long>> offsets(JsonNode node) {
    Map<Integer, List<Long>> result = new LinkedHashMap<>();
    fields(node)
        .forEachRemaining(
            e -> {
              List<Long> list = new ArrayList<>();
              e.getValue().forEach(o -> list.add(o.asLong()));
              result.put(Integer.valueOf(e.getKey()), list);
            });
    return result;
  }

  private static Map<Integer, List<OffsetRange>> voids(JsonNode node) {
    Map<Integer, List<OffsetRange>> result = new LinkedHashMap<>();
    fields(node)
        .forEachRemaining(
            e -> {
              List<OffsetRange> list = new ArrayList<>();
              e.getValue()
                  .forEach(r -> list.add(new OffsetRange(r.get(0).asLong(), r.get(1).asLong())));
              result.put(Integer.valueOf(e.getKey()), list);
            });
    return result;
  }

  private static List<AckId> ids(JsonNode node) {
    List<AckId> ids = new ArrayList<>();
    node.forEach(id -> ids.add(AckId.parse(id.asText())));
    return ids;
  }

  private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node.fields();
  }
}
