package io.fluxgate.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
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
import io.fluxgate.schemas.avro.JsonField;
import io.fluxgate.schemas.avro.JsonNumber;
import io.fluxgate.schemas.avro.JsonObject;
import io.fluxgate.schemas.avro.JsonValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exact conversion between a Jackson tree and the generic Avro {@link JsonValue} encoding of an
 * event's {@code data}.
 *
 * <p>Integers that fit a {@code long} become Avro longs; decimals and bigger integers keep their
 * exact text in a {@link JsonNumber} ({@code 1.10} stays {@code 1.10}, {@code 1e400} becomes {@code
 * 1E+400}, same value and scale). Object members keep their order. Reading back produces the node
 * types Jackson itself produces when parsing with exact big decimals ({@link IntNode}, {@link
 * LongNode}, {@link BigIntegerNode}, {@link DecimalNode}), so trees compare equal.
 *
 * <pre>{@code
 * JsonValue avro = JsonData.toAvro(mapper.readTree("{\"price\": 1.10}"));
 * JsonNode same = JsonData.toJson(avro);
 * }</pre>
 */
public final class JsonData {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonData() {}

  /** Encodes {@code node}; Java {@code null} and missing nodes become JSON null. */
  public static JsonValue toAvro(JsonNode node) {
    return new JsonValue(avroValue(node));
  }

  /** Decodes {@code value}; Java {@code null} becomes JSON null. */
  public static JsonNode toJson(JsonValue value) {
    return value == null ? NullNode.getInstance() : jsonValue(value.getValue());
  }

  /**
   * Writes {@code value} as {@link #toJson} renders it (same number types, so the same text),
   * without building the tree; Java {@code null} becomes JSON null.
   *
   * @throws IllegalArgumentException for a {@link JsonNumber} whose text is not a number, possibly
   *     after part of the value was written
   */
  public static void write(JsonGenerator g, JsonValue value) throws IOException {
    if (value == null) {
      g.writeNull();
      return;
    }
    Object v = value.getValue();
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      writeInteger(g, l);
    } else if (v instanceof CharSequence s) {
      g.writeString(s.toString());
    } else if (v instanceof JsonNumber n) {
      writeNumber(g, n.getText());
    } else if (v instanceof List<?> items) {
      g.writeStartArray();
      for (Object item : items) {
        write(g, (JsonValue) item);
      }
      g.writeEndArray();
    } else if (v instanceof JsonObject o) {
      g.writeStartObject();
      for (JsonField field : o.getFields()) {
        g.writeFieldName(field.getName());
        write(g, field.getValue());
      }
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("not a JsonValue member: " + v.getClass().getName());
    }
  }

  private static void writeInteger(JsonGenerator g, long value) throws IOException {
    int narrow = (int) value;
    if (narrow == value) {
      g.writeNumber(narrow);
    } else {
      g.writeNumber(value);
    }
  }

  /** The number {@link #number} reads, written as its node would be. */
  private static void writeNumber(JsonGenerator g, String text) throws IOException {
    JsonNode node = number(text);
    if (node.isBigDecimal()) {
      g.writeNumber(node.decimalValue());
    } else if (node.isBigInteger()) {
      g.writeNumber(node.bigIntegerValue());
    } else {
      writeInteger(g, node.longValue());
    }
  }

  private static Object avroValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (node.getNodeType()) {
      case BOOLEAN:
        return node.booleanValue();
      case STRING:
        return node.textValue();
      case NUMBER:
        return avroNumber(node);
      case ARRAY:
        List<JsonValue> items = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          items.add(toAvro(item));
        }
        return items;
      case OBJECT:
        List<JsonField> fields = new ArrayList<>(node.size());
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          fields.add(new JsonField(field.getKey(), toAvro(field.getValue())));
        }
        return new JsonObject(fields);
      default:
        throw new IllegalArgumentException(
            "not a JSON value: " + node.getNodeType() + " " + node.getClass().getSimpleName());
    }
  }

  private static Object avroNumber(JsonNode node) {
    if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        return node.longValue();
      }
      return new JsonNumber(node.bigIntegerValue().toString());
    }
    if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no representation for " + d);
      }
    }
    return new JsonNumber(decimalText(node.decimalValue()));
  }

  /** Decimal text that reads back as a decimal: a scale-0 decimal (e.g. from 1e0) gets "E+0". */
  static String decimalText(BigDecimal value) {
    String text = value.toString();
    return value.scale() == 0 ? text + "E+0" : text;
  }

  private static JsonNode jsonValue(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    }
    if (value instanceof Long l) {
      return integer(l);
    }
    if (value instanceof CharSequence s) {
      return TextNode.valueOf(s.toString());
    }
    if (value instanceof JsonNumber n) {
      return number(n.getText());
    }
    if (value instanceof List<?> items) {
      ArrayNode array = NODES.arrayNode(items.size());
      for (Object item : items) {
        array.add(toJson((JsonValue) item));
      }
      return array;
    }
    if (value instanceof JsonObject o) {
      ObjectNode object = NODES.objectNode();
      for (JsonField field : o.getFields()) {
        object.set(field.getName(), toJson(field.getValue()));
      }
      return object;
    }
    throw new IllegalArgumentException("not a JsonValue member: " + value.getClass().getName());
  }

  private static JsonNode integer(long value) {
    int narrow = (int) value;
    return narrow == value ? IntNode.valueOf(narrow) : LongNode.valueOf(value);
  }

  private static JsonNode number(String text) {
    try {
      if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
        return DecimalNode.valueOf(new BigDecimal(text));
      }
      BigInteger big = new BigInteger(text);
      return big.bitLength() < Long.SIZE ? integer(big.longValue()) : BigIntegerNode.valueOf(big);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("JsonNumber text is not a number: " + text, e);
    }
  }
}
