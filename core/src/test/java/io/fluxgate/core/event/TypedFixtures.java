package io.fluxgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;

/** Shared fixtures for the typed data tests; single quotes stand for double quotes. */
final class TypedFixtures {

  /** A payment-like schema using most Avro types. */
  static final Schema PAYMENT =
      schema(
          "{'type': 'record', 'name': 'Payment', 'namespace': 'com.acme', 'fields': ["
              + "{'name': 'id', 'type': {'type': 'string', 'logicalType': 'uuid'}},"
              + "{'name': 'amount', 'type': {'type': 'bytes', 'logicalType': 'decimal',"
              + " 'precision': 10, 'scale': 2}},"
              + "{'name': 'currency', 'type': {'type': 'enum', 'name': 'Currency',"
              + " 'symbols': ['EUR', 'USD', 'GBP']}},"
              + "{'name': 'at', 'type': {'type': 'long', 'logicalType': 'timestamp-millis'}},"
              + "{'name': 'items', 'type': {'type': 'array', 'items': {'type': 'record',"
              + " 'name': 'Item', 'fields': [{'name': 'sku', 'type': 'string'},"
              + " {'name': 'qty', 'type': 'int', 'default': 1}]}}},"
              + "{'name': 'attrs', 'type': {'type': 'map', 'values': 'string'}, 'default': {}},"
              + "{'name': 'note', 'type': ['null', 'string'], 'default': null},"
              + "{'name': 'method', 'type': ['null',"
              + " {'type': 'record', 'name': 'Card', 'fields': [{'name': 'last4', 'type': 'string'}]},"
              + " {'type': 'record', 'name': 'Bank', 'fields': [{'name': 'iban', 'type': 'string'}]}"
              + "], 'default': null}"
              + "]}");

  /** A valid payment, all fields given. */
  static final String PAYMENT_JSON =
      "{'id': '550e8400-e29b-41d4-a716-446655440000', 'amount': 12.3, 'currency': 'EUR',"
          + " 'at': '2025-07-25T12:30:45.123+02:00', 'items': [{'sku': 'A-1', 'qty': 2},"
          + " {'sku': 'B-2'}], 'attrs': {'shop': 'berlin'}, 'note': null,"
          + " 'method': {'iban': 'DE89370400440532013000'}}";

  /** {@link #PAYMENT_JSON} as {@link TypedData#toJson} writes it back. */
  static final String PAYMENT_NORMALISED =
      "{'id': '550e8400-e29b-41d4-a716-446655440000', 'amount': 12.30, 'currency': 'EUR',"
          + " 'at': '2025-07-25T10:30:45.123Z', 'items': [{'sku': 'A-1', 'qty': 2},"
          + " {'sku': 'B-2', 'qty': 1}], 'attrs': {'shop': 'berlin'}, 'note': null,"
          + " 'method': {'iban': 'DE89370400440532013000'}}";

  private TypedFixtures() {}

  static Schema schema(String singleQuoted) {
    return new Schema.Parser().parse(singleQuoted.replace('\'', '"'));
  }

  static Schema type(Schema.Type type) {
    return Schema.create(type);
  }

  static JsonNode json(String singleQuoted) {
    try {
      return EventJson.mapper().readTree(singleQuoted.replace('\'', '"'));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object toAvro(String json, Schema schema) {
    return TypedData.toAvro(json(json), schema, "data");
  }

  /** The errors of converting {@code json}, all asserted to be of event 0. */
  static List<EventError> errors(String json, Schema schema) {
    EventRejectedException e =
        TestEvents.rejection(() -> TypedData.toAvro(json(json), schema, "data"));
    assertThat(e.errors()).extracting(EventError::index).containsOnly(0);
    return e.errors();
  }

  /** The one error of converting {@code json}. */
  static EventError error(String json, Schema schema) {
    List<EventError> errors = errors(json, schema);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  /** Asserts the one error: a schema mismatch at {@code data} with that message. */
  static void assertMismatch(String json, Schema schema, String message) {
    assertThat(error(json, schema))
        .isEqualTo(new EventError(0, "data", EventError.SCHEMA_MISMATCH, message));
  }
}
