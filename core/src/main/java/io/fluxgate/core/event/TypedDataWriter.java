package io.fluxgate.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes an Avro datum as the natural JSON that {@link TypedDataReader} reads back to the same
 * datum. Numbers become the node types Jackson produces when it parses their text with exact
 * decimals (as {@link EventJson#mapper()} does), so trees compare equal.
 */
final class TypedDataWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TypedDataWriter() {}

  static JsonNode write(Object datum, Schema schema) {
    LogicalValues.Kind kind = LogicalValues.kindOf(schema);
    if (kind != null && datum != null) {
      return LogicalValues.write(kind, schema, datum);
    }
    try {
      return switch (schema.getType()) {
        case NULL -> requireNull(datum, schema);
        case BOOLEAN -> BooleanNode.valueOf((Boolean) datum);
        case INT, LONG -> integer(((Number) datum).longValue());
        case FLOAT -> floating(((Number) datum).floatValue(), true);
        case DOUBLE -> floating(((Number) datum).doubleValue(), false);
        case STRING, ENUM -> TextNode.valueOf(datum.toString());
        case BYTES ->
            TextNode.valueOf(Base64.getEncoder().encodeToString(bytes((ByteBuffer) datum)));
        case FIXED ->
            TextNode.valueOf(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
        case ARRAY -> array(datum, schema.getElementType());
        case MAP -> map((Map<?, ?>) datum, schema.getValueType());
        case RECORD -> record((IndexedRecord) datum, schema);
        case UNION -> write(datum, branchOf(schema, datum));
      };
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException(
          "a datum of "
              + (datum == null ? "null" : datum.getClass().getName())
              + " does not fit the schema "
              + MismatchMessages.shortName(schema),
          e);
    }
  }

  /**
   * An exact number as Jackson reads its text: scale 0 prints as an integer, sized like Jackson's
   * integer nodes; any other scale prints with a point or an exponent, read as a decimal.
   */
  static JsonNode number(BigDecimal value) {
    if (value.scale() != 0) {
      return DecimalNode.valueOf(value);
    }
    BigInteger integer = value.unscaledValue();
    return integer.bitLength() < Long.SIZE
        ? integer(integer.longValue())
        : BigIntegerNode.valueOf(integer);
  }

  private static JsonNode integer(long value) {
    int narrow = (int) value;
    return narrow == value ? IntNode.valueOf(narrow) : LongNode.valueOf(value);
  }

  private static JsonNode floating(double value, boolean isFloat) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return TextNode.valueOf(Double.toString(value));
    }
    // The shortest text that reads back to the same float or double, e.g. 0.1 and not 0.100000001.
    String text = isFloat ? Float.toString((float) value) : Double.toString(value);
    return DecimalNode.valueOf(new BigDecimal(text));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static JsonNode requireNull(Object datum, Schema schema) {
    if (datum != null) {
      throw new ClassCastException(datum.getClass().getName());
    }
    return NullNode.getInstance();
  }

  private static JsonNode array(Object datum, Schema items) {
    Collection<?> values = datum instanceof Collection<?> c ? c : List.of((Object[]) datum);
    ArrayNode array = NODES.arrayNode(values.size());
    for (Object item : values) {
      array.add(write(item, items));
    }
    return array;
  }

  private static JsonNode map(Map<?, ?> datum, Schema values) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<?, ?> entry : datum.entrySet()) {
      object.set(entry.getKey().toString(), write(entry.getValue(), values));
    }
    return object;
  }

  private static JsonNode record(IndexedRecord datum, Schema schema) {
    if (!datum.getSchema().getFullName().equals(schema.getFullName())) {
      throw new ClassCastException("record " + datum.getSchema().getFullName());
    }
    ObjectNode object = NODES.objectNode();
    for (Schema.Field field : schema.getFields()) {
      object.set(field.name(), write(datum.get(field.pos()), field.schema()));
    }
    return object;
  }

  /** The first branch of {@code union} whose values are of the Java type of {@code datum}. */
  private static Schema branchOf(Schema union, Object datum) {
    for (Schema branch : union.getTypes()) {
      if (holds(branch, datum)) {
        return branch;
      }
    }
    throw new ClassCastException(datum == null ? "null" : datum.getClass().getName());
  }

  private static boolean holds(Schema branch, Object datum) {
    LogicalValues.Kind kind = LogicalValues.kindOf(branch);
    return switch (branch.getType()) {
      case NULL -> datum == null;
      case BOOLEAN -> datum instanceof Boolean;
      case INT ->
          datum instanceof Integer
              || (kind == LogicalValues.Kind.DATE && datum instanceof LocalDate)
              || (kind == LogicalValues.Kind.TIME_MILLIS && datum instanceof LocalTime);
      case LONG ->
          datum instanceof Long
              || (datum instanceof Instant
                      || datum instanceof LocalDateTime
                      || datum instanceof LocalTime)
                  && kind != null;
      case FLOAT -> datum instanceof Float;
      case DOUBLE -> datum instanceof Double;
      case STRING -> datum instanceof CharSequence || (datum instanceof UUID && kind != null);
      case BYTES -> datum instanceof ByteBuffer || (datum instanceof BigDecimal && kind != null);
      case FIXED ->
          (datum instanceof GenericFixed fixed
                  && fixed.getSchema().getFullName().equals(branch.getFullName()))
              || ((datum instanceof BigDecimal || datum instanceof UUID) && kind != null);
      case ENUM ->
          datum instanceof GenericEnumSymbol<?> symbol
              && symbol.getSchema().getFullName().equals(branch.getFullName());
      case ARRAY -> datum instanceof Collection<?> || datum instanceof Object[];
      case MAP -> datum instanceof Map<?, ?>;
      case RECORD ->
          datum instanceof IndexedRecord record
              && record.getSchema().getFullName().equals(branch.getFullName());
      case UNION -> false;
    };
  }
}
