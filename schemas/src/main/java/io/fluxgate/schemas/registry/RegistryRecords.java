package io.fluxgate.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.schemas.registry.store.RegistryLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's records as log entries: compact JSON keys and values, keys written with a fixed
 * member order so that the same key is always the same bytes (compaction compares bytes).
 *
 * <pre>
 * {"keytype":"SCHEMA","subject":"orders","version":2}
 *     {"subject":"orders","version":2,"id":7,"schemaType":"AVRO","schema":"...",
 *      "references":[{"name":"Money","subject":"money","version":1}],"deleted":false}
 *     null once permanently deleted
 * {"keytype":"CONFIG"} / {"keytype":"CONFIG","subject":"orders"}   {"compatibilityLevel":"FULL"}
 * {"keytype":"MODE"} / {"keytype":"MODE","subject":"orders"}       {"mode":"IMPORT"}
 * {"keytype":"ID_HIGH_WATER"}                                      {"id":7}
 * </pre>
 *
 * Unknown key types decode to nothing, so an older reader skips what a newer writer adds.
 */
public final class RegistryRecords {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String KEYTYPE = "keytype";
  private static final String SUBJECT = "subject";
  private static final String VERSION = "version";

  private RegistryRecords() {}

  /** The log entry of {@code record}. */
  public static RegistryLog.Entry encode(RegistryRecord record) {
    if (record instanceof RegistryRecord.SchemaVersion v) {
      return entry(
          key("SCHEMA", v.subject()).put(VERSION, v.version()),
          v.schema() == null ? null : schemaValue(v.schema(), v.deleted()));
    }
    if (record instanceof RegistryRecord.Config c) {
      return entry(
          key("CONFIG", c.subject()),
          c.level() == null
              ? null
              : JSON.createObjectNode().put("compatibilityLevel", c.level().name()));
    }
    if (record instanceof RegistryRecord.Mode m) {
      return entry(
          key("MODE", m.subject()),
          m.mode() == null ? null : JSON.createObjectNode().put("mode", m.mode().name()));
    }
    RegistryRecord.IdHighWater h = (RegistryRecord.IdHighWater) record;
    return entry(key("ID_HIGH_WATER", null), JSON.createObjectNode().put("id", h.id()));
  }

  /**
   * The record a log entry holds; empty for a key type this reader does not know.
   *
   * @throws IllegalArgumentException when the entry is not a well-formed record
   */
  public static Optional<RegistryRecord> decode(byte[] keyBytes, byte[] valueBytes) {
    try {
      JsonNode key = read(keyBytes);
      JsonNode value = valueBytes == null ? null : read(valueBytes);
      String subject = key.hasNonNull(SUBJECT) ? key.get(SUBJECT).asText() : null;
      return switch (key.path(KEYTYPE).asText()) {
        case "SCHEMA" -> Optional.of(schemaVersion(requireText(key, SUBJECT), key, value));
        case "CONFIG" ->
            Optional.of(
                new RegistryRecord.Config(
                    subject,
                    value == null
                        ? null
                        : CompatibilityLevel.parse(requireText(value, "compatibilityLevel"))));
        case "MODE" ->
            Optional.of(
                new RegistryRecord.Mode(
                    subject,
                    value == null ? null : RegistryMode.parse(requireText(value, "mode"))));
        case "ID_HIGH_WATER" ->
            value == null
                ? Optional.empty()
                : Optional.of(new RegistryRecord.IdHighWater(requireInt(value, "id")));
        default -> Optional.empty();
      };
    } catch (SchemaRegistryException e) {
      throw new IllegalArgumentException("malformed registry record: " + e.getMessage(), e);
    }
  }

  private static RegistryRecord.SchemaVersion schemaVersion(
      String subject, JsonNode key, JsonNode value) {
    int version = requireInt(key, VERSION);
    if (value == null) {
      return RegistryRecord.SchemaVersion.tombstone(subject, version);
    }
    List<SchemaReference> references = new ArrayList<>();
    for (JsonNode ref : value.path("references")) {
      references.add(
          new SchemaReference(
              requireText(ref, "name"), requireText(ref, SUBJECT), requireInt(ref, VERSION)));
    }
    RegisteredSchema schema =
        new RegisteredSchema(
            requireText(value, SUBJECT),
            requireInt(value, VERSION),
            requireInt(value, "id"),
            requireText(value, "schemaType"),
            requireText(value, "schema"),
            references);
    return new RegistryRecord.SchemaVersion(
        subject, version, schema, value.path("deleted").asBoolean(false));
  }

  private static ObjectNode key(String keytype, String subject) {
    ObjectNode key = JSON.createObjectNode().put(KEYTYPE, keytype);
    if (subject != null) {
      key.put(SUBJECT, subject);
    }
    return key;
  }

  private static ObjectNode schemaValue(RegisteredSchema schema, boolean deleted) {
    ObjectNode value =
        JSON.createObjectNode()
            .put(SUBJECT, schema.subject())
            .put(VERSION, schema.version())
            .put("id", schema.id())
            .put("schemaType", schema.schemaType())
            .put("schema", schema.schema());
    ArrayNode references = value.putArray("references");
    for (SchemaReference ref : schema.references()) {
      references
          .addObject()
          .put("name", ref.name())
          .put(SUBJECT, ref.subject())
          .put(VERSION, ref.version());
    }
    return value.put("deleted", deleted);
  }

  private static RegistryLog.Entry entry(ObjectNode key, ObjectNode value) {
    try {
      return new RegistryLog.Entry(
          JSON.writeValueAsBytes(key), value == null ? null : JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalStateException("a registry record could not be written as JSON", e);
    }
  }

  private static JsonNode read(byte[] bytes) {
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("a registry record must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("a registry record is not JSON: " + e.getMessage(), e);
    }
  }

  private static String requireText(JsonNode node, String field) {
    JsonNode member = node.get(field);
    if (member == null || !member.isTextual()) {
      throw new IllegalArgumentException("a registry record lacks the text '" + field + "'");
    }
    return member.asText();
  }

  private static int requireInt(JsonNode node, String field) {
    JsonNode member = node.get(field);
    if (member == null || !member.canConvertToInt() || !member.isIntegralNumber()) {
      throw new IllegalArgumentException("a registry record lacks the number '" + field + "'");
    }
    return member.asInt();
  }
}
