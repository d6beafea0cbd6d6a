package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.assertMismatch;
import static io.fluxgate.core.event.TypedFixtures.schema;
import static io.fluxgate.core.event.TypedFixtures.toAvro;
import static io.fluxgate.core.event.TypedFixtures.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.junit.jupiter.api.Test;

class TypedDataPrimitivesTest {

  private static final Schema HASH =
      schema("{'type': 'fixed', 'name': 'Hash', 'namespace': 't', 'size': 4}");
  private static final Schema CURRENCY =
      schema("{'type': 'enum', 'name': 'Currency', 'namespace': 't', 'symbols': ['EUR', 'USD']}");

  @Test
  void shouldAcceptNullOnlyForNull() {
    assertThat(toAvro("null", type(Schema.Type.NULL))).isNull();
    assertMismatch("0", type(Schema.Type.NULL), "expected null, found number 0");
  }

  @Test
  void shouldAcceptBooleansOnlyForBoolean() {
    assertThat(toAvro("true", type(Schema.Type.BOOLEAN))).isEqualTo(true);
    assertMismatch("'true'", type(Schema.Type.BOOLEAN), "expected boolean, found string \"true\"");
  }

  @Test
  void shouldAcceptIntegralNumbersInTheIntRange() {
    Schema intType = type(Schema.Type.INT);
    assertThat(toAvro("42", intType)).isEqualTo(42);
    assertThat(toAvro("-2147483648", intType)).isEqualTo(Integer.MIN_VALUE);
    assertMismatch(
        "2147483648", intType, "expected int, found number 2147483648 (out of the int range)");
    assertMismatch("1.0", intType, "expected int, found number 1.0 (not an integer)");
    assertMismatch("'5'", intType, "expected int, found string \"5\"");
    assertMismatch("null", intType, "expected int, found null");
  }

  @Test
  void shouldAcceptIntegralNumbersInTheLongRange() {
    Schema longType = type(Schema.Type.LONG);
    assertThat(toAvro("9223372036854775807", longType)).isEqualTo(Long.MAX_VALUE);
    assertThat(toAvro("5", longType)).isEqualTo(5L);
    assertMismatch(
        "9223372036854775808",
        longType,
        "expected long, found number 9223372036854775808 (out of the long range)");
    assertMismatch("1e3", longType, "expected long, found number 1E+3 (not an integer)");
    assertMismatch("[1]", longType, "expected long, found array");
  }

  @Test
  void shouldAcceptAnyFiniteNumberForDouble() {
    Schema doubleType = type(Schema.Type.DOUBLE);
    assertThat(toAvro("0.1", doubleType)).isEqualTo(0.1);
    assertThat(toAvro("5", doubleType)).isEqualTo(5.0);
    assertThat(toAvro("1e-400", doubleType)).isEqualTo(0.0);
    assertMismatch("'abc'", doubleType, "expected double, found string \"abc\"");
    assertMismatch(
        "1e309", doubleType, "expected double, found number 1E+309 (out of the double range)");
  }

  @Test
  void shouldAcceptAnyNumberInTheFloatRangeForFloat() {
    Schema floatType = type(Schema.Type.FLOAT);
    assertThat(toAvro("1.5", floatType)).isEqualTo(1.5f);
    assertThat(toAvro("0.1", floatType)).isEqualTo(0.1f);
    assertMismatch(
        "1e39", floatType, "expected float, found number 1E+39 (out of the float range)");
    assertMismatch("{}", floatType, "expected float, found object");
  }

  @Test
  void shouldReadTheNamesOfNonFiniteValuesForFloatAndDouble() {
    assertThat(toAvro("'NaN'", type(Schema.Type.DOUBLE))).isEqualTo(Double.NaN);
    assertThat(toAvro("'-Infinity'", type(Schema.Type.DOUBLE))).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(toAvro("'Infinity'", type(Schema.Type.FLOAT))).isEqualTo(Float.POSITIVE_INFINITY);
    assertMismatch("'nan'", type(Schema.Type.FLOAT), "expected float, found string \"nan\"");
  }

  @Test
  void shouldAcceptStringsOnlyForString() {
    assertThat(toAvro("'héllo'", type(Schema.Type.STRING))).isEqualTo("héllo");
    assertMismatch("5", type(Schema.Type.STRING), "expected string, found number 5");
  }

  @Test
  void shouldShortenLongValuesInMessages() {
    String longText = "x".repeat(100);
    assertMismatch(
        "'" + longText + "'",
        type(Schema.Type.INT),
        "expected int, found string \"" + "x".repeat(40) + "\"...");
    assertMismatch(
        "1" + "0".repeat(60),
        type(Schema.Type.LONG),
        "expected long, found number 1" + "0".repeat(39) + "... (out of the long range)");
  }

  @Test
  void shouldReadBytesFromBase64() {
    ByteBuffer bytes = (ByteBuffer) toAvro("'aGVsbG8='", type(Schema.Type.BYTES));
    assertThat(StandardCharsets.UTF_8.decode(bytes).toString()).isEqualTo("hello");
    assertMismatch(
        "'not base64!'",
        type(Schema.Type.BYTES),
        "expected bytes (base64 string), found string \"not base64!\" (not base64)");
    assertMismatch("5", type(Schema.Type.BYTES), "expected bytes (base64 string), found number 5");
  }

  @Test
  void shouldReadFixedFromBase64OfExactlyItsSize() {
    GenericFixed fixed = (GenericFixed) toAvro("'AQIDBA=='", HASH);
    assertThat(fixed.bytes()).containsExactly(1, 2, 3, 4);
    assertThat(fixed.getSchema()).isEqualTo(HASH);
    assertMismatch(
        "'AQID'",
        HASH,
        "expected fixed t.Hash (base64 string of 4 bytes), found string \"AQID\" (3 bytes)");
  }

  @Test
  void shouldReadEnumSymbolsAndListThemWhenRefused() {
    assertThat(toAvro("'USD'", CURRENCY)).isEqualTo(new GenericData.EnumSymbol(CURRENCY, "USD"));
    assertMismatch(
        "'GBP'", CURRENCY, "expected enum t.Currency (one of EUR, USD), found string \"GBP\"");
    assertMismatch(
        "'eur'", CURRENCY, "expected enum t.Currency (one of EUR, USD), found string \"eur\"");
  }
}
