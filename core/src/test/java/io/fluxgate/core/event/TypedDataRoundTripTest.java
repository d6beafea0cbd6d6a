package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_JSON;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_NORMALISED;
import static io.fluxgate.core.event.TypedFixtures.json;
import static io.fluxgate.core.event.TypedFixtures.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** toJson(toAvro(x)) is x normalised, directly and through Avro binary. */
class TypedDataRoundTripTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("'null'", "null", "null"),
        Arguments.of("'boolean'", "false", "false"),
        Arguments.of("'int'", "-5", "-5"),
        Arguments.of("'long'", "1099511627776", "1099511627776"),
        Arguments.of("'float'", "0.1", "0.1"),
        Arguments.of("'float'", "5", "5.0"),
        Arguments.of("'double'", "1.10", "1.1"),
        Arguments.of("'double'", "1e10", "1.0E+10"),
        Arguments.of("'double'", "'NaN'", "'NaN'"),
        Arguments.of(
            "'string'", "'h\u00e9llo \u2603 \ud83d\ude00'", "'h\u00e9llo \u2603 \ud83d\ude00'"),
        Arguments.of("'bytes'", "'aGVsbG8'", "'aGVsbG8='"),
        Arguments.of("'bytes'", "''", "''"),
        Arguments.of("{'type': 'fixed', 'name': 'F', 'size': 2}", "'AQI='", "'AQI='"),
        Arguments.of("{'type': 'enum', 'name': 'E', 'symbols': ['A', 'B']}", "'B'", "'B'"),
        Arguments.of("{'type': 'array', 'items': ['null', 'int']}", "[1, null, 3]", "[1, null, 3]"),
        Arguments.of(
            "{'type': 'map', 'values': 'long'}",
            "{'z': 1, 'a': 2, 'm': 3}",
            "{'z': 1, 'a': 2, 'm': 3}"),
        Arguments.of(
            "{'type': 'bytes', 'logicalType': 'decimal', 'precision': 6, 'scale': 2}",
            "'7'",
            "7.00"),
        Arguments.of(
            "{'type': 'bytes', 'logicalType': 'decimal', 'precision': 6, 'scale': 2}",
            "-0.5",
            "-0.50"),
        Arguments.of(
            "{'type': 'bytes', 'logicalType': 'decimal', 'precision': 5, 'scale': 0}", "42", "42"),
        Arguments.of("{'type': 'bytes', 'logicalType': 'big-decimal'}", "-3.14000", "-3.14000"),
        Arguments.of(
            "{'type': 'string', 'logicalType': 'uuid'}",
            "'550e8400-e29b-41d4-a716-446655440000'",
            "'550e8400-e29b-41d4-a716-446655440000'"),
        Arguments.of("{'type': 'int', 'logicalType': 'date'}", "0", "'1970-01-01'"),
        Arguments.of("{'type': 'int', 'logicalType': 'time-millis'}", "'10:30'", "'10:30:00'"),
        Arguments.of(
            "{'type': 'long', 'logicalType': 'timestamp-micros'}",
            "'2025-07-25T12:30:45.000001+02:00'",
            "'2025-07-25T10:30:45.000001Z'"),
        Arguments.of(
            "{'type': 'long', 'logicalType': 'timestamp-millis'}",
            "1000",
            "'1970-01-01T00:00:01Z'"),
        Arguments.of(
            "{'type': 'long', 'logicalType': 'local-timestamp-micros'}",
            "'2025-07-25T10:30:45.5'",
            "'2025-07-25T10:30:45.5'"),
        Arguments.of(
            "{'type': 'record', 'name': 'Node', 'fields': [{'name': 'v', 'type': 'int'},"
                + " {'name': 'next', 'type': ['null', 'Node'], 'default': null}]}",
            "{'v': 1, 'next': {'v': 2}}",
            "{'v': 1, 'next': {'v': 2, 'next': null}}"),
        Arguments.of(PAYMENT.toString().replace('"', '\''), PAYMENT_JSON, PAYMENT_NORMALISED));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void shouldWriteBackTheNormalisedJson(String schemaText, String input, String normalised)
      throws IOException {
    Schema schema = schema(schemaText);
    JsonNode expected = json(normalised);

    Object datum = TypedData.toAvro(json(input), schema, "data");

    assertSameJson(TypedData.toJson(datum, schema), expected);
    assertSameJson(TypedData.toJson(throughBinary(datum, schema), schema), expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void shouldReadItsOwnOutputToTheSameDatum(String schemaText, String input, String normalised)
      throws IOException {
    Schema schema = schema(schemaText);
    Object datum = TypedData.toAvro(json(input), schema, "data");

    Object again = TypedData.toAvro(TypedData.toJson(datum, schema), schema, "data");

    assertThat(binary(again, schema)).isEqualTo(binary(datum, schema));
  }

  @org.junit.jupiter.api.Test
  void shouldRefuseADatumThatDoesNotFitTheSchema() {
    assertThatThrownBy(() -> TypedData.toJson("text", Schema.create(Schema.Type.INT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String")
        .hasMessageContaining("int");
    assertThatThrownBy(() -> TypedData.toJson(5L, schema("['null', 'string']")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one of [null, string]");
    assertThatThrownBy(() -> TypedData.toJson(null, Schema.create(Schema.Type.STRING)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Same tree and same text, since decimal nodes compare equal whatever their scale. */
  private static void assertSameJson(JsonNode actual, JsonNode expected) throws IOException {
    assertThat(actual).isEqualTo(expected);
    assertThat(EventJson.mapper().writeValueAsString(actual))
        .isEqualTo(EventJson.mapper().writeValueAsString(expected));
  }

  private static Object throughBinary(Object datum, Schema schema) throws IOException {
    return new GenericDatumReader<>(schema, schema, TypedData.MODEL)
        .read(null, DecoderFactory.get().binaryDecoder(binary(datum, schema), null));
  }

  private static byte[] binary(Object datum, Schema schema) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<>(schema, TypedData.MODEL).write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
