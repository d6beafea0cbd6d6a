package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Converts an event's JSON {@code data} to the Avro datum of the schema registered for its event
 * type, and back. Producers write natural JSON, not Avro's JSON encoding (no union wrappers), so
 * that typing an event type does not change what its producers send:
 *
 * <table>
 *   <caption>JSON forms</caption>
 *   <tr><th>Avro</th><th>JSON</th></tr>
 *   <tr><td>null, boolean, string</td><td>the same</td></tr>
 *   <tr><td>int, long</td><td>an integer (no fraction or exponent) in range</td></tr>
 *   <tr><td>float, double</td><td>any number (correctly rounded), or "NaN", "Infinity",
 *       "-Infinity"</td></tr>
 *   <tr><td>bytes, fixed</td><td>a base64 string (RFC 4648, standard alphabet); fixed of exactly
 *       its size</td></tr>
 *   <tr><td>enum</td><td>one of its symbols</td></tr>
 *   <tr><td>array, map, record</td><td>an array, an object, an object whose members are the
 *       fields (a missing one takes its default, an unknown one is an error)</td></tr>
 *   <tr><td>union</td><td>a value of the first branch that accepts it</td></tr>
 *   <tr><td>decimal, big-decimal</td><td>a number or numeric string; at most the scale's decimal
 *       places and the precision's digits. Written back as an exact number</td></tr>
 *   <tr><td>uuid</td><td>a string 8-4-4-4-12 of hex digits</td></tr>
 *   <tr><td>date, time-*, timestamp-*, local-timestamp-*</td><td>an ISO 8601 string (RFC 3339
 *       with an offset for timestamps, none for local ones) or an integer in the schema's unit;
 *       digits finer than the unit are truncated. Written back as strings, timestamps in
 *       UTC</td></tr>
 * </table>
 *
 * <p>Datums use the generic representation without logical-type conversions ({@link
 * GenericData.Record}, {@code Long} micros for a timestamp-micros, a {@code ByteBuffer} for a
 * decimal...), so any {@code GenericDatumWriter} writes them.
 *
 * <pre>{@code
 * Object datum = TypedData.toAvro(event.get("data"), schema, "data"); // or EventRejectedException
 * JsonNode same = TypedData.toJson(datum, schema);
 * }</pre>
 */
public final class TypedData {

  /** Most errors reported for one value: enough to fix a payload, bounded work for a bad one. */
  public static final int MAX_ERRORS = 100;

  /** Generic data without conversions whose maps keep their order, as JSON objects do. */
  static final GenericData MODEL = new OrderedGenericData();

  private TypedData() {}

  /**
   * As {@link #toAvro(int, JsonNode, Schema, String)} for a single event (index 0).
   *
   * @throws EventRejectedException listing every violation (at most {@link #MAX_ERRORS})
   */
  public static Object toAvro(JsonNode json, Schema schema, String rootPath) {
    return toAvro(0, json, schema, rootPath);
  }

  /**
   * The Avro datum of {@code json} for {@code schema}. Java {@code null} and missing nodes are JSON
   * null.
   *
   * @param index the event's position in its batch, copied into every error
   * @param rootPath the path of {@code json} in the event, e.g. {@code data}; errors name paths
   *     below it such as {@code data.items[2].sku} or {@code data.attrs["a.b"]}
   * @throws EventRejectedException listing every violation (at most {@link #MAX_ERRORS}): {@code
   *     missing_field} for a required record field that is absent, {@code schema_mismatch} for
   *     anything else, each with a message {@code expected <type>, found <value>} such as {@code
   *     expected double, found string "abc"}; the status is 422. A value so entangled with its
   *     schema's unions that checking it would visit more than a million values is refused as
   *     {@code too_large} (413) instead
   */
  public static Object toAvro(int index, JsonNode json, Schema schema, String rootPath) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(rootPath, "rootPath");
    JsonNode node = json == null || json.isMissingNode() ? NullNode.getInstance() : json;
    TypedDataReader reader =
        new TypedDataReader(index, rootPath, MAX_ERRORS, TypedDataReader.MAX_VISITS);
    Object datum = reader.read(node, schema);
    if (datum == TypedDataReader.INVALID) {
      throw new EventRejectedException(reader.errors());
    }
    return datum;
  }

  /**
   * The natural JSON of {@code datum}, a datum of {@code schema} as {@link #toAvro} or a {@code
   * GenericDatumReader} makes it (the usual Java types of logical types, e.g. {@code Instant} and
   * {@code BigDecimal}, are accepted too). Records become objects with every field in schema order;
   * {@code toJson(toAvro(x))} is {@code x} with defaults filled in and numbers, timestamps and
   * base64 in their canonical forms.
   *
   * @throws IllegalArgumentException when {@code datum} does not fit {@code schema}
   */
  public static JsonNode toJson(Object datum, Schema schema) {
    Objects.requireNonNull(schema, "schema");
    return TypedDataWriter.write(datum, schema);
  }

  private static final class OrderedGenericData extends GenericData {
    @Override
    public Object newMap(Object old, int size) {
      if (old instanceof Map<?, ?> map) {
        map.clear();
        return map;
      }
      return new LinkedHashMap<>((int) (size / 0.75f) + 1);
    }
  }
}
