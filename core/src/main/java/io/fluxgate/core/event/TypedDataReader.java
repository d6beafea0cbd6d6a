package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * One conversion of a JSON value to the Avro datum of a schema, collecting every violation with its
 * path. Used once, by one thread: it carries the path being visited and the errors found.
 *
 * <p>A union tries its branches in order. When only one branch has the JSON shape of the value
 * (object, array, string, number...), the value is read as that branch so that errors inside it
 * name their own paths; when several have it, each is tried silently and the first that accepts the
 * whole value wins. Each value is tried as each branch at most once (results are remembered), so
 * that branches differing only deep inside cost linear, not exponential, work; a cap on the values
 * visited bounds whatever is left.
 */
final class TypedDataReader {

  /** The result of a value that did not convert; distinct from the valid datum {@code null}. */
  static final Object INVALID = new Object();

  /** Default for the most values visited by one conversion, a safety net for union-heavy data. */
  static final int MAX_VISITS = 1_000_000;

  private static final Object NULL_DATUM = new Object();

  private final int index;
  private final String rootPath;
  private final int maxErrors;
  private final int maxVisits;
  private final JsonPath path = new JsonPath();
  private final List<EventError> errors = new ArrayList<>();
  private boolean probing;
  private boolean probeFailed;
  private int visits;
  private Map<JsonNode, Map<Schema, Object>> probed;

  TypedDataReader(int index, String rootPath, int maxErrors, int maxVisits) {
    this.index = index;
    this.rootPath = rootPath;
    this.maxErrors = maxErrors;
    this.maxVisits = maxVisits;
  }

  /** The problems found so far, at most {@code maxErrors}. */
  List<EventError> errors() {
    return errors;
  }

  /** The datum of {@code node} for {@code schema}, or {@link #INVALID} with the errors recorded. */
  Object read(JsonNode node, Schema schema) {
    return read(node, schema, schema);
  }

  /** As {@link #read(JsonNode, Schema)}; {@code named} is the type a mismatch message names. */
  private Object read(JsonNode node, Schema schema, Schema named) {
    if (++visits > maxVisits) {
      return tooComplex();
    }
    LogicalValues.Kind kind = LogicalValues.kindOf(schema);
    if (kind != null || ScalarValues.isScalar(schema.getType())) {
      if (!JsonShapes.fits(schema, node)) {
        return mismatch(named, node, null);
      }
      try {
        return kind != null
            ? LogicalValues.read(kind, schema, node)
            : ScalarValues.read(schema, node);
      } catch (LogicalValues.InvalidValue e) {
        return mismatch(named, node, e.getMessage());
      }
    }
    return switch (schema.getType()) {
      case ARRAY -> node.isArray() ? readArray(node, schema) : mismatch(named, node, null);
      case MAP -> node.isObject() ? readMap(node, schema) : mismatch(named, node, null);
      case RECORD -> node.isObject() ? readRecord(node, schema) : mismatch(named, node, null);
      default -> readUnion(node, schema);
    };
  }

  private Object readArray(JsonNode node, Schema schema) {
    Schema items = schema.getElementType();
    GenericData.Array<Object> array = new GenericData.Array<>(node.size(), schema);
    boolean valid = true;
    for (int i = 0; i < node.size() && !stopped(); i++) {
      path.push(i);
      Object item = read(node.get(i), items);
      path.pop();
      valid &= item != INVALID;
      array.add(item);
    }
    return valid ? array : INVALID;
  }

  private Object readMap(JsonNode node, Schema schema) {
    Schema values = schema.getValueType();
    Map<String, Object> map = new LinkedHashMap<>((int) (node.size() / 0.75f) + 1);
    boolean valid = true;
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      if (stopped()) {
        return INVALID;
      }
      path.push(member.getKey());
      Object value = read(member.getValue(), values);
      path.pop();
      valid &= value != INVALID;
      map.put(member.getKey(), value);
    }
    return valid ? map : INVALID;
  }

  private Object readRecord(JsonNode node, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    boolean valid = true;
    int known = 0;
    for (Schema.Field field : schema.getFields()) {
      if (stopped()) {
        return INVALID;
      }
      JsonNode member = node.get(field.name());
      path.push(field.name());
      if (member != null) {
        known++;
        Object value = read(member, field.schema());
        valid &= value != INVALID;
        record.put(field.pos(), value);
      } else if (field.hasDefaultValue()) {
        record.put(field.pos(), TypedData.MODEL.deepCopy(field.schema(), defaultValue(field)));
      } else {
        valid = false;
        if (recording()) {
          add(EventError.MISSING_FIELD, MismatchMessages.missing(field.schema()));
        }
      }
      path.pop();
    }
    if (known < node.size()) {
      valid = false;
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (schema.getField(member.getKey()) == null && recording()) {
          path.push(member.getKey());
          add(EventError.SCHEMA_MISMATCH, MismatchMessages.unknown(schema, member.getValue()));
          path.pop();
        }
      }
    }
    return valid ? record : INVALID;
  }

  private static Object defaultValue(Schema.Field field) {
    return TypedData.MODEL.getDefaultValue(field);
  }

  private Object readUnion(JsonNode node, Schema union) {
    Schema only = null;
    int candidates = 0;
    for (Schema branch : union.getTypes()) {
      if (JsonShapes.fits(branch, node)) {
        candidates++;
        only = only == null ? branch : only;
      }
    }
    if (candidates == 0) {
      return mismatch(union, node, null);
    }
    if (candidates == 1) {
      return read(node, only, union);
    }
    for (Schema branch : union.getTypes()) {
      if (JsonShapes.fits(branch, node) && JsonShapes.membersFit(branch, node)) {
        Object value = probe(node, branch);
        if (value != INVALID) {
          return value;
        }
      }
    }
    return mismatch(union, node, "no branch accepts it");
  }

  /** Reads {@code node} as {@code branch} without recording errors; INVALID if it has any. */
  private Object probe(JsonNode node, Schema branch) {
    if (probed == null) {
      probed = new IdentityHashMap<>();
    }
    Map<Schema, Object> results = probed.computeIfAbsent(node, n -> new IdentityHashMap<>(4));
    Object known = results.get(branch);
    if (known == null) {
      known = probeOnce(node, branch);
      results.put(branch, known == null ? NULL_DATUM : known);
    }
    return known == NULL_DATUM ? null : known;
  }

  private Object probeOnce(JsonNode node, Schema branch) {
    boolean wasProbing = probing;
    boolean hadFailed = probeFailed;
    probing = true;
    probeFailed = false;
    Object value = read(node, branch);
    boolean failed = probeFailed;
    probing = wasProbing;
    probeFailed = hadFailed;
    return failed ? INVALID : value;
  }

  private boolean stopped() {
    return visits > maxVisits || (probing ? probeFailed : errors.size() >= maxErrors);
  }

  /** Gives up the whole conversion, with one error for the whole value, even while probing. */
  private Object tooComplex() {
    if (visits == maxVisits + 1) {
      errors.add(
          new EventError(
              index,
              rootPath,
              EventError.TOO_LARGE,
              "too complex to check against its schema: more than "
                  + maxVisits
                  + " values visited while trying union branches"));
    }
    probeFailed = true;
    visits = maxVisits + 2;
    return INVALID;
  }

  private Object mismatch(Schema expected, JsonNode found, String reason) {
    if (recording()) {
      add(EventError.SCHEMA_MISMATCH, MismatchMessages.mismatch(expected, found, reason));
    }
    return INVALID;
  }

  /** Whether an error found now is to be kept; while probing, it only marks the probe failed. */
  private boolean recording() {
    if (probing) {
      probeFailed = true;
      return false;
    }
    return errors.size() < maxErrors;
  }

  private void add(String code, String message) {
    errors.add(new EventError(index, currentPath(), code, message));
  }

  private String currentPath() {
    String rendered = path.toString();
    if (rootPath.isEmpty() || rendered.isEmpty()) {
      return rootPath + rendered;
    }
    return rendered.charAt(0) == '[' ? rootPath + rendered : rootPath + "." + rendered;
  }
}
