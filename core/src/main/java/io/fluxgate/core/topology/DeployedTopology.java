package io.fluxgate.core.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topology as the compacted {@code _fluxgate.topologies} topic keeps it: the spec, when it was
 * deployed, its generation (a hash of the canonical spec, so a redeploy of the same spec is the
 * same generation) and where on each event topic partition it starts (the end offsets at the
 * deploy, keyed {@code <topic>-<partition>}).
 *
 * <pre>{@code
 * DeployedTopology deployed = DeployedTopology.of(spec, Instant.now(), startOffsets);
 * byte[] value = deployed.toBytes();
 * DeployedTopology read = DeployedTopology.fromBytes(value);
 * }</pre>
 */
public record DeployedTopology(
    TopologySpec spec, Instant deployedAt, String generation, Map<String, Long> startOffsets) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public DeployedTopology {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(deployedAt, "deployedAt");
    Objects.requireNonNull(generation, "generation");
    startOffsets = Map.copyOf(startOffsets);
  }

  public static DeployedTopology of(
      TopologySpec spec, Instant deployedAt, Map<String, Long> startOffsets) {
    return new DeployedTopology(spec, deployedAt, generationOf(spec), startOffsets);
  }

  public String name() {
    return spec.name();
  }

  /** The first 16 hex digits of the SHA-256 of the canonical spec JSON. */
  public static String generationOf(TopologySpec spec) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(TopologySpecJson.toJson(spec).toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public byte[] toBytes() {
    ObjectNode json = MAPPER.createObjectNode();
    json.set("spec", TopologySpecJson.toJson(spec));
    json.put("deployed_at", deployedAt.toString());
    json.put("generation", generation);
    ObjectNode offsets = json.putObject("start_offsets");
    startOffsets.forEach(offsets::put);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a stored topology back.
   *
   * @throws IOException when it is not one (unreadable JSON or a spec this version refuses)
   */
  public static DeployedTopology fromBytes(byte[] value) throws IOException {
    JsonNode json = MAPPER.readTree(value);
    if (json == null || !json.path("spec").isObject()) {
      throw new IOException("not a deployed topology: no spec");
    }
    TopologySpec spec;
    try {
      spec = TopologySpecParser.parse(json.get("spec"));
    } catch (InvalidTopologySpecException e) {
      throw new IOException("not a valid spec: " + e.getMessage(), e);
    }
    Map<String, Long> offsets = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = json.path("start_offsets").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      offsets.put(field.getKey(), field.getValue().asLong());
    }
    try {
      return new DeployedTopology(
          spec,
          Instant.parse(json.path("deployed_at").asText()),
          json.path("generation").asText(generationOf(spec)),
          offsets);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException("not a deployed topology: bad deployed_at", e);
    }
  }
}
