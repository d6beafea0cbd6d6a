package io.fluxgate.core.event;

import static io.fluxgate.core.event.TypedFixtures.PAYMENT;
import static io.fluxgate.core.event.TypedFixtures.PAYMENT_JSON;
import static io.fluxgate.core.event.TypedFixtures.assertMismatch;
import static io.fluxgate.core.event.TypedFixtures.error;
import static io.fluxgate.core.event.TypedFixtures.errors;
import static io.fluxgate.core.event.TypedFixtures.json;
import static io.fluxgate.core.event.TypedFixtures.schema;
import static io.fluxgate.core.event.TypedFixtures.toAvro;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TypedDataStructureTest {

  private static final Schema ITEM = PAYMENT.getField("items").schema().getElementType();

  /** Records R1 and R2 differ only in the type of their tag, read after their next. */
  private static final Schema CHAIN =
      schema(
          "{'type': 'record', 'name': 'R1', 'fields': [{'name': 'next', 'type': ['null', 'R1',"
              + " {'type': 'record', 'name': 'R2', 'fields': [{'name': 'next', 'type':"
              + " ['null', 'R1', 'R2']}, {'name': 'tag', 'type': 'int'}]}]},"
              + " {'name': 'tag', 'type': 'string'}]}");

  private static final String CARD_OR_BANK =
      "one of [null, record com.acme.Card, record com.acme.Bank]";

  @Test
  void shouldBuildRecordsWithDefaultsForMissingFields() {
    GenericRecord payment = (GenericRecord) toAvro(PAYMENT_JSON, PAYMENT);

    assertThat(payment.getSchema()).isEqualTo(PAYMENT);
    assertThat(payment.get("currency").toString()).isEqualTo("EUR");
    List<?> items = (List<?>) payment.get("items");
    assertThat(items).hasSize(2);
    assertThat(((GenericRecord) items.get(1)).get("qty")).isEqualTo(1);
    assertThat(payment.get("attrs")).isEqualTo(Map.of("shop", "berlin"));
    assertThat(((GenericRecord) payment.get("method")).getSchema().getName()).isEqualTo("Bank");
  }

  @Test
  void shouldReportEveryMissingRequiredFieldAtOnce() {
    assertThat(errors("{}", PAYMENT))
        .extracting(EventError::field, EventError::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("data.id", EventError.MISSING_FIELD),
            org.assertj.core.groups.Tuple.tuple("data.amount", EventError.MISSING_FIELD),
            org.assertj.core.groups.Tuple.tuple("data.currency", EventError.MISSING_FIELD),
            org.assertj.core.groups.Tuple.tuple("data.at", EventError.MISSING_FIELD),
            org.assertj.core.groups.Tuple.tuple("data.items", EventError.MISSING_FIELD));
    assertThat(errors("{}", PAYMENT).get(4).message()).isEqualTo("expected array, found nothing");
  }

  @Test
  void shouldRefuseMembersTheRecordDoesNotDefine() {
    EventError error = error("{'sku': 'A', 'colour': 'red'}", ITEM);

    assertThat(error)
        .isEqualTo(
            new EventError(
                0,
                "data.colour",
                EventError.SCHEMA_MISMATCH,
                "expected nothing (record com.acme.Item has no such field), found string \"red\""));
  }

  @Test
  void shouldRefuseNullForANonNullableField() {
    assertThat(error("{'sku': null}", ITEM))
        .isEqualTo(
            new EventError(
                0, "data.sku", EventError.SCHEMA_MISMATCH, "expected string, found null"));
  }

  @Test
  void shouldNameThePathsOfArrayItemsAndMapValues() {
    String items = "[{'sku': 'a'}, {'sku': 'b'}, {'sku': 5}]";
    assertThat(
            error(
                PAYMENT_JSON.replace("[{'sku': 'A-1', 'qty': 2}, {'sku': 'B-2'}]", items), PAYMENT))
        .isEqualTo(
            new EventError(
                0,
                "data.items[2].sku",
                EventError.SCHEMA_MISMATCH,
                "expected string, found number 5"));
    Schema map = schema("{'type': 'map', 'values': 'string'}");
    assertThat(errors("{'k': 1, 'a.b': 'ok', 'c d': true}", map))
        .extracting(EventError::field, EventError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("data.k", "expected string, found number 1"),
            org.assertj.core.groups.Tuple.tuple(
                "data[\"c d\"]", "expected string, found boolean true"));
  }

  @Test
  void shouldKeepTheOrderOfMapEntries() {
    Schema map = schema("{'type': 'map', 'values': 'int'}");
    Map<?, ?> datum = (Map<?, ?>) toAvro("{'b': 1, 'a': 2, 'c': 3}", map);

    assertThat(datum.keySet()).extracting(Object::toString).containsExactly("b", "a", "c");
  }

  @Test
  void shouldChooseTheNullBranchForNullAndTheOtherForValues() {
    Schema nullable = schema("['null', 'string']");
    assertThat(toAvro("null", nullable)).isNull();
    assertThat(toAvro("'x'", nullable)).isEqualTo("x");
    assertMismatch("5", nullable, "expected one of [null, string], found number 5");
    assertMismatch(
        "null", schema("['int', 'string']"), "expected one of [int, string], found null");
  }

  @Test
  void shouldChooseTheFirstBranchThatAcceptsTheValue() {
    Schema numbers = schema("['int', 'long', 'double']");
    assertThat(toAvro("5", numbers)).isEqualTo(5);
    assertThat(toAvro("1099511627776", numbers)).isEqualTo(1099511627776L);
    assertThat(toAvro("1.5", numbers)).isEqualTo(1.5);
    assertThat(toAvro("'5'", schema("['int', 'string']"))).isEqualTo("5");
  }

  @Test
  void shouldChooseTheFirstRecordBranchThatValidates() {
    Schema method = PAYMENT.getField("method").schema();
    assertThat(((GenericRecord) toAvro("{'last4': '4242'}", method)).getSchema().getName())
        .isEqualTo("Card");
    assertThat(((GenericRecord) toAvro("{'iban': 'DE89'}", method)).getSchema().getName())
        .isEqualTo("Bank");
    assertMismatch(
        "{'bic': 'X'}",
        method,
        "expected " + CARD_OR_BANK + ", found object (no branch accepts it)");
    assertMismatch("'card'", method, "expected " + CARD_OR_BANK + ", found string \"card\"");
  }

  @Test
  void shouldNameTheUnionAndTheReasonWhenItsOnlyFittingBranchRefusesAValue() {
    assertMismatch(
        "2147483648",
        schema("['null', 'int']"),
        "expected one of [null, int], found number 2147483648 (out of the int range)");
  }

  @Test
  void shouldReportErrorsInsideTheOnlyRecordBranchOfAUnion() {
    Schema nullableItem = Schema.createUnion(Schema.create(Schema.Type.NULL), ITEM);

    assertThat(error("{'sku': 5, 'qty': 1}", nullableItem))
        .isEqualTo(
            new EventError(
                0, "data.sku", EventError.SCHEMA_MISMATCH, "expected string, found number 5"));
  }

  @Test
  void shouldReadRecursiveSchemas() {
    Schema list =
        schema(
            "{'type': 'record', 'name': 'Node', 'fields': [{'name': 'value', 'type': 'int'},"
                + " {'name': 'next', 'type': ['null', 'Node'], 'default': null}]}");
    GenericRecord head = (GenericRecord) toAvro("{'value': 1, 'next': {'value': 2}}", list);

    assertThat(((GenericRecord) head.get("next")).get("value")).isEqualTo(2);
    assertThat(error("{'value': 1, 'next': {'value': 'two'}}", list).field())
        .isEqualTo("data.next.value");
  }

  @Test
  void shouldReportManyErrorsOfOneValueTogether() {
    String bad =
        "{'id': 'nope', 'amount': 'x', 'currency': 'JPY', 'at': 'yesterday',"
            + " 'items': [{'sku': 1}, {'qty': 'many'}], 'attrs': {'k': 2}, 'note': 3, 'extra': 0}";

    assertThat(errors(bad, PAYMENT))
        .extracting(EventError::field)
        .containsExactly(
            "data.id",
            "data.amount",
            "data.currency",
            "data.at",
            "data.items[0].sku",
            "data.items[1].sku",
            "data.items[1].qty",
            "data.attrs.k",
            "data.note",
            "data.extra");
  }

  @Test
  void shouldStopAtTheErrorCap() {
    Schema ints = schema("{'type': 'array', 'items': 'int'}");
    String strings = "['x'" + ", 'x'".repeat(499) + "]";

    List<EventError> errors = errors(strings, ints);

    assertThat(errors).hasSize(TypedData.MAX_ERRORS);
    assertThat(errors.get(99).field()).isEqualTo("data[99]");
  }

  @Test
  void shouldCarryTheEventIndexAndRootPathAndAnswer422() {
    EventRejectedException e =
        TestEvents.rejection(() -> TypedData.toAvro(7, json("{'sku': 1}"), ITEM, "events[7].data"));

    assertThat(e.status()).isEqualTo(422);
    assertThat(e.errors())
        .containsExactly(
            new EventError(
                7,
                "events[7].data.sku",
                EventError.SCHEMA_MISMATCH,
                "expected string, found number 1"));
    assertThat(TestEvents.rejection(() -> TypedData.toAvro(json("{}"), ITEM, "data")).status())
        .isEqualTo(422);
  }

  @Test
  void shouldNamePathsBelowAnEmptyRoot() {
    EventRejectedException e =
        TestEvents.rejection(
            () -> TypedData.toAvro(json("[{'sku': 1}]"), Schema.createArray(ITEM), ""));

    assertThat(e.errors()).extracting(EventError::field).containsExactly("[0].sku");
  }

  @Test
  void shouldTreatJavaNullAndMissingNodesAsJsonNull() {
    Schema nullable = schema("['null', 'string']");
    assertThat(TypedData.toAvro(null, nullable, "data")).isNull();
    assertThat(
            TypedData.toAvro(
                com.fasterxml.jackson.databind.node.MissingNode.getInstance(), nullable, "data"))
        .isNull();
    assertThat(
            TestEvents.rejection(() -> TypedData.toAvro(null, ITEM, "data"))
                .errors()
                .get(0)
                .message())
        .isEqualTo("expected record com.acme.Item (object), found null");
  }

  @Test
  @Timeout(10)
  void shouldTryEachValueAsEachBranchOnlyOnce() {
    String valid = "null";
    String invalid = "null";
    for (int i = 0; i < 60; i++) {
      valid = "{'next': " + valid + ", 'tag': " + (i % 2 == 0 ? "1" : "'s'") + "}";
      invalid = "{'next': " + invalid + ", 'tag': true}";
    }

    assertThat(toAvro(valid, CHAIN)).isInstanceOf(GenericRecord.class);
    assertThat(errors(invalid, CHAIN))
        .containsExactly(
            new EventError(
                0,
                "data.next",
                EventError.SCHEMA_MISMATCH,
                "expected one of [null, record R1, record R2], found object (no branch accepts it)"),
            new EventError(
                0, "data.tag", EventError.SCHEMA_MISMATCH, "expected string, found boolean true"));
  }

  @Test
  void shouldGiveUpPastTheCapOnValuesVisited() {
    String deep = "null";
    for (int i = 0; i < 20; i++) {
      deep = "{'next': " + deep + ", 'tag': true}";
    }
    TypedDataReader reader = new TypedDataReader(3, "data", TypedData.MAX_ERRORS, 25);

    Object datum = reader.read(json(deep), CHAIN);

    assertThat(datum).isSameAs(TypedDataReader.INVALID);
    assertThat(reader.errors())
        .first()
        .isEqualTo(
            new EventError(
                3,
                "data",
                EventError.TOO_LARGE,
                "too complex to check against its schema: more than 25 values visited while"
                    + " trying union branches"));
    assertThat(new EventRejectedException(reader.errors()).status()).isEqualTo(413);
  }

  @Test
  void shouldTellRecordBranchesApartByTheirMembers() {
    Schema shapes =
        schema(
            "['null', {'type': 'record', 'name': 'Circle', 'fields': [{'name': 'r', 'type':"
                + " 'double'}, {'name': 'label', 'type': 'string', 'default': ''}]},"
                + " {'type': 'record', 'name': 'Square', 'fields': [{'name': 'side', 'type':"
                + " 'double'}, {'name': 'label', 'type': 'string', 'default': ''}]}]");

    assertThat(((GenericRecord) toAvro("{'side': 2}", shapes)).getSchema().getName())
        .isEqualTo("Square");
    assertThat(((GenericRecord) toAvro("{'label': 'c', 'r': 1}", shapes)).getSchema().getName())
        .isEqualTo("Circle");
    assertMismatch(
        "{'label': 'x'}",
        shapes,
        "expected one of [null, record Circle, record Square], found object"
            + " (no branch accepts it)");
  }

  @Test
  void shouldBuildGenericArraysOfTheSchema() {
    Schema ints = schema("{'type': 'array', 'items': 'int'}");
    Object datum = toAvro("[1, 2]", ints);

    assertThat(datum).isInstanceOf(GenericData.Array.class);
    assertThat(((GenericData.Array<?>) datum).getSchema()).isEqualTo(ints);
  }
}
