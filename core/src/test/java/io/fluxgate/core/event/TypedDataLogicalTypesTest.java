package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.assertMismatch;
import static io.fluxgate.core.event.TypedFixtures.json;
import static io.fluxgate.core.event.TypedFixtures.schema;
import static io.fluxgate.core.event.TypedFixtures.toAvro;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.junit.jupiter.api.Test;

class TypedDataLogicalTypesTest {

  private static final Schema MONEY =
      schema("{'type': 'bytes', 'logicalType': 'decimal', 'precision': 10, 'scale': 2}");
  private static final Schema FIXED_MONEY =
      schema(
          "{'type': 'fixed', 'name': 'Money', 'size': 8, 'logicalType': 'decimal',"
              + " 'precision': 18, 'scale': 4}");
  private static final Schema UUID = schema("{'type': 'string', 'logicalType': 'uuid'}");
  private static final Schema FIXED_UUID =
      schema("{'type': 'fixed', 'name': 'Id', 'size': 16, 'logicalType': 'uuid'}");
  private static final Schema DATE = schema("{'type': 'int', 'logicalType': 'date'}");
  private static final Schema TIME_MILLIS = schema("{'type': 'int', 'logicalType': 'time-millis'}");
  private static final Schema TIME_MICROS =
      schema("{'type': 'long', 'logicalType': 'time-micros'}");
  private static final Schema TS_MILLIS =
      schema("{'type': 'long', 'logicalType': 'timestamp-millis'}");
  private static final Schema TS_MICROS =
      schema("{'type': 'long', 'logicalType': 'timestamp-micros'}");
  private static final Schema TS_NANOS =
      schema("{'type': 'long', 'logicalType': 'timestamp-nanos'}");
  private static final Schema LOCAL_MILLIS =
      schema("{'type': 'long', 'logicalType': 'local-timestamp-millis'}");
  private static final String TS_MILLIS_EXPECTED =
      "timestamp-millis (RFC 3339 date-time such as 2025-07-25T10:30:45.123Z,"
          + " or milliseconds since 1970-01-01T00:00:00Z)";
  private static final long AT_MILLIS = Instant.parse("2025-07-25T10:30:45.123Z").toEpochMilli();

  @Test
  void shouldEncodeDecimalsAtTheSchemaScale() {
    assertThat(unscaled(toAvro("12.3", MONEY))).isEqualTo(1230);
    assertThat(unscaled(toAvro("'12.300'", MONEY))).isEqualTo(1230);
    assertThat(unscaled(toAvro("-1", MONEY))).isEqualTo(-100);
    assertThat(unscaled(toAvro("0E+9", MONEY))).isZero();
    assertThat(unscaled(toAvro("99999999.99", MONEY))).isEqualTo(9999999999L);
  }

  @Test
  void shouldRefuseDecimalsBeyondScaleOrPrecision() {
    String expected = "expected decimal(10,2) (number or numeric string), found ";
    assertMismatch("12.345", MONEY, expected + "number 12.345 (more than 2 decimal places)");
    assertMismatch("123456789", MONEY, expected + "number 123456789 (more than 8 integer digits)");
    assertMismatch("'abc'", MONEY, expected + "string \"abc\" (not a number)");
    assertMismatch("true", MONEY, expected + "boolean true");
  }

  @Test
  void shouldRefuseHugeExponentsWithoutExpandingThem() {
    String expected = "expected decimal(10,2) (number or numeric string), found ";
    assertMismatch(
        "1e999999999", MONEY, expected + "number 1E+999999999 (more than 8 integer digits)");
    assertMismatch(
        "1e-999999999", MONEY, expected + "number 1E-999999999 (more than 2 decimal places)");
  }

  @Test
  void shouldSignExtendDecimalsInFixed() {
    GenericFixed fixed = (GenericFixed) toAvro("-12.5", FIXED_MONEY);
    assertThat(fixed.bytes()).hasSize(8);
    assertThat(new BigInteger(fixed.bytes())).isEqualTo(BigInteger.valueOf(-125000));
    assertThat(TypedData.toJson(fixed, FIXED_MONEY)).isEqualTo(json("-12.5000"));
  }

  @Test
  void shouldKeepTheExactValueOfBigDecimals() {
    Schema big = schema("{'type': 'bytes', 'logicalType': 'big-decimal'}");
    Object datum = toAvro("1.10", big);
    assertThat(TypedData.toJson(datum, big).decimalValue()).isEqualByComparingTo("1.10");
    assertThat(TypedData.toJson(datum, big).decimalValue().scale()).isEqualTo(2);
    assertThat(TypedData.toJson(toAvro("1e400", big), big).decimalValue())
        .isEqualTo(new BigDecimal("1E+400"));
  }

  @Test
  void shouldValidateUuidText() {
    assertThat(toAvro("'550E8400-e29b-41d4-a716-446655440000'", UUID))
        .isEqualTo("550E8400-e29b-41d4-a716-446655440000");
    assertMismatch(
        "'1-1-1-1-1'",
        UUID,
        "expected uuid (string such as 550e8400-e29b-41d4-a716-446655440000), found string"
            + " \"1-1-1-1-1\" (not a UUID)");
  }

  @Test
  void shouldStoreUuidsInFixedAsTheirSixteenBytes() {
    GenericFixed fixed =
        (GenericFixed) toAvro("'00000000-0000-0001-0000-000000000002'", FIXED_UUID);
    assertThat(fixed.bytes()).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2);
    assertThat(TypedData.toJson(fixed, FIXED_UUID).textValue())
        .isEqualTo("00000000-0000-0001-0000-000000000002");
  }

  @Test
  void shouldReadDatesAsIsoTextOrDays() {
    int day = (int) LocalDate.of(2025, 7, 25).toEpochDay();
    assertThat(toAvro("'2025-07-25'", DATE)).isEqualTo(day);
    assertThat(toAvro(String.valueOf(day), DATE)).isEqualTo(day);
    String expected =
        "expected date (ISO date such as 2025-07-25, or days since 1970-01-01), found ";
    assertMismatch("'2025-02-30'", DATE, expected + "string \"2025-02-30\" (not an ISO date)");
    assertMismatch("'25/07/2025'", DATE, expected + "string \"25/07/2025\" (not an ISO date)");
    assertMismatch("1.5", DATE, expected + "number 1.5 (not an integer)");
  }

  @Test
  void shouldReadTimesAsIsoTextOrUnitsOfTheDay() {
    int millis = (int) (LocalTime.parse("10:30:45.123").toNanoOfDay() / 1_000_000);
    assertThat(toAvro("'10:30:45.123'", TIME_MILLIS)).isEqualTo(millis);
    assertThat(toAvro(String.valueOf(millis), TIME_MILLIS)).isEqualTo(millis);
    assertThat(toAvro("'10:30:45.123456'", TIME_MICROS)).isEqualTo(millis * 1000L + 456);
    String expected =
        "expected time-millis (ISO time such as 10:30:45.123, or milliseconds of the day), found ";
    assertMismatch("86400000", TIME_MILLIS, expected + "number 86400000 (not a time of day)");
    assertMismatch("-1", TIME_MILLIS, expected + "number -1 (not a time of day)");
    assertMismatch("'25:00'", TIME_MILLIS, expected + "string \"25:00\" (not an ISO time)");
  }

  @Test
  void shouldReadTimestampsAsRfc3339InAnyOffsetOrEpochUnits() {
    assertThat(toAvro("'2025-07-25T12:30:45.123+02:00'", TS_MILLIS)).isEqualTo(AT_MILLIS);
    assertThat(toAvro("'2025-07-25t10:30:45.123z'", TS_MILLIS)).isEqualTo(AT_MILLIS);
    assertThat(toAvro(String.valueOf(AT_MILLIS), TS_MILLIS)).isEqualTo(AT_MILLIS);
    assertThat(toAvro("'2025-07-25T10:30:45.123456Z'", TS_MICROS))
        .isEqualTo(AT_MILLIS * 1000 + 456);
    assertThat(toAvro("'1969-12-31T23:59:59.999999999Z'", TS_NANOS)).isEqualTo(-1L);
  }

  @Test
  void shouldTruncateDigitsFinerThanTheUnit() {
    assertThat(toAvro("'2025-07-25T10:30:45.123999Z'", TS_MILLIS)).isEqualTo(AT_MILLIS);
    assertThat(toAvro("'1969-12-31T23:59:59.9999Z'", TS_MILLIS)).isEqualTo(-1L);
  }

  @Test
  void shouldRefuseTimestampsThatAreNotRfc3339OrOutOfRange() {
    assertMismatch(
        "'2025-07-25 10:30'",
        TS_MILLIS,
        "expected "
            + TS_MILLIS_EXPECTED
            + ", found string \"2025-07-25 10:30\""
            + " (not an RFC 3339 date-time)");
    assertMismatch(
        "'2025-07-25T10:30:45'",
        TS_MILLIS,
        "expected "
            + TS_MILLIS_EXPECTED
            + ", found string \"2025-07-25T10:30:45\""
            + " (not an RFC 3339 date-time)");
    assertMismatch(
        "1.5", TS_MILLIS, "expected " + TS_MILLIS_EXPECTED + ", found number 1.5 (not an integer)");
    assertMismatch(
        "'2300-01-01T00:00:00Z'",
        TS_NANOS,
        "expected timestamp-nanos (RFC 3339 date-time such as 2025-07-25T10:30:45.123Z,"
            + " or nanoseconds since 1970-01-01T00:00:00Z), found string"
            + " \"2300-01-01T00:00:00Z\" (out of the range of timestamp-nanos)");
  }

  @Test
  void shouldReadLocalTimestampsWithoutAnOffset() {
    assertThat(toAvro("'2025-07-25T10:30:45.123'", LOCAL_MILLIS)).isEqualTo(AT_MILLIS);
    assertThat(toAvro(String.valueOf(AT_MILLIS), LOCAL_MILLIS)).isEqualTo(AT_MILLIS);
    assertMismatch(
        "'2025-07-25T10:30:45.123Z'",
        LOCAL_MILLIS,
        "expected local-timestamp-millis (ISO local date-time such as 2025-07-25T10:30:45.123,"
            + " or milliseconds since 1970-01-01T00:00:00), found string"
            + " \"2025-07-25T10:30:45.123Z\" (not an ISO local date-time)");
  }

  @Test
  void shouldWriteLogicalTypesInTheirTextForms() {
    assertThat(TypedData.toJson(AT_MILLIS, TS_MILLIS))
        .isEqualTo(json("'2025-07-25T10:30:45.123Z'"));
    assertThat(TypedData.toJson(0L, TS_MICROS)).isEqualTo(json("'1970-01-01T00:00:00Z'"));
    assertThat(TypedData.toJson(-1L, TS_NANOS)).isEqualTo(json("'1969-12-31T23:59:59.999999999Z'"));
    assertThat(TypedData.toJson(AT_MILLIS, LOCAL_MILLIS))
        .isEqualTo(json("'2025-07-25T10:30:45.123'"));
    assertThat(TypedData.toJson(0, TIME_MILLIS)).isEqualTo(json("'00:00:00'"));
    assertThat(TypedData.toJson(1L, TIME_MICROS)).isEqualTo(json("'00:00:00.000001'"));
    assertThat(TypedData.toJson(0, DATE)).isEqualTo(json("'1970-01-01'"));
    assertThat(TypedData.toJson(ByteBuffer.wrap(new byte[] {4, -46}), MONEY))
        .isEqualTo(json("12.34"));
  }

  @Test
  void shouldWriteTheUsualJavaTypesOfLogicalTypesToo() {
    assertThat(TypedData.toJson(Instant.ofEpochMilli(AT_MILLIS), TS_MILLIS))
        .isEqualTo(json("'2025-07-25T10:30:45.123Z'"));
    assertThat(TypedData.toJson(new BigDecimal("12.30"), MONEY).toString()).isEqualTo("12.30");
    assertThat(TypedData.toJson(LocalDate.of(2025, 7, 25), DATE)).isEqualTo(json("'2025-07-25'"));
    assertThat(
            TypedData.toJson(
                java.util.UUID.fromString("550e8400-e29b-41d4-a716-446655440000"), UUID))
        .isEqualTo(json("'550e8400-e29b-41d4-a716-446655440000'"));
  }

  private static long unscaled(Object datum) {
    ByteBuffer bytes = ((ByteBuffer) datum).duplicate();
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    return new BigInteger(array).longValueExact();
  }
}
