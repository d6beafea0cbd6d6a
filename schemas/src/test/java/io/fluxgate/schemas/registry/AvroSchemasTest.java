package io.fluxgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvroSchemasTest {

  private static final String MONEY =
      json(
          "{'type':'record','name':'Money','namespace':'com.acme','fields':["
              + "{'name':'cents','type':'long'},"
              + "{'name':'currency','type':{'type':'enum','name':'Currency','symbols':['EUR','USD']}}"
              + "]}");

  private static final String ORDER =
      json(
          "{'type':'record','name':'Order','namespace':'com.acme','fields':["
              + "{'name':'total','type':'Money'},"
              + "{'name':'refund','type':['null','com.acme.Money'],'default':null},"
              + "{'name':'billing','type':'Currency'}]}");

  @Test
  void shouldResolveNamedTypesFromReferencedSchemas() {
    Schema order = AvroSchemas.parse(ORDER, List.of(MONEY));

    assertThat(order.getField("total").schema().getFullName()).isEqualTo("com.acme.Money");
    assertThat(order.getField("billing").schema().getEnumSymbols()).containsExactly("EUR", "USD");
  }

  @Test
  void shouldResolveReferencesOfReferencesGivenDependenciesFirst() {
    String payment =
        json(
            "{'type':'record','name':'Payment','namespace':'com.acme',"
                + "'fields':[{'name':'amount','type':'Money'}]}");
    String invoice =
        json(
            "{'type':'record','name':'Invoice','namespace':'com.acme',"
                + "'fields':[{'name':'payment','type':'Payment'}]}");

    Schema parsed = AvroSchemas.parse(invoice, List.of(MONEY, payment));

    assertThat(parsed.getField("payment").schema().getField("amount").schema().getFullName())
        .isEqualTo("com.acme.Money");
  }

  @Test
  void shouldAcceptABarePrimitiveSchema() {
    assertThat(AvroSchemas.parse("\"string\"", List.of()).getType()).isEqualTo(Schema.Type.STRING);
    assertThat(AvroSchemas.canonical(AvroSchemas.parse(" \"long\" ", List.of())))
        .isEqualTo("\"long\"");
  }

  @Test
  void shouldGiveTheSameCanonicalTextWhateverTheWhitespaceAndKeyOrder() {
    String compact = json("{'type':'record','name':'A','fields':[{'name':'x','type':'int'}]}");
    String spread =
        json(
            "{\n  'fields' : [ { 'type' : 'int',\n 'name' : 'x' } ],\n\t'name' : 'A',"
                + " 'type' : 'record'\n}\n");

    assertThat(AvroSchemas.canonical(AvroSchemas.parse(spread, List.of())))
        .isEqualTo(AvroSchemas.canonical(AvroSchemas.parse(compact, List.of())))
        .isEqualTo(compact);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          doc      | {'type':'record','name':'A','doc':'amounts','fields':[{'name':'x','type':'int'}]}
          default  | {'type':'record','name':'A','fields':[{'name':'x','type':'int','default':0}]}
          alias    | {'type':'record','name':'A','fields':[{'name':'x','aliases':['y'],'type':'int'}]}
          """)
  void shouldKeepDocsDefaultsAndAliasesSignificant(String what, String schema) {
    String plain = json("{'type':'record','name':'A','fields':[{'name':'x','type':'int'}]}");

    assertThat(AvroSchemas.canonical(AvroSchemas.parse(json(schema), List.of())))
        .isNotEqualTo(AvroSchemas.canonical(AvroSchemas.parse(plain, List.of())));
  }

  @Test
  void shouldKeepReferencedTypesAsNamesInTheCanonicalText() {
    String canonical = AvroSchemas.canonical(ORDER, List.of(MONEY));

    assertThat(canonical)
        .isEqualTo(
            json(
                "{'type':'record','name':'Order','namespace':'com.acme','fields':["
                    + "{'name':'total','type':'Money'},"
                    + "{'name':'refund','type':['null','Money'],'default':null},"
                    + "{'name':'billing','type':'Currency'}]}"));
    assertThat(AvroSchemas.parse(canonical, List.of(MONEY)))
        .isEqualTo(AvroSchemas.parse(ORDER, List.of(MONEY)));
  }

  @Test
  void shouldGiveTheSameCanonicalTextForAReferencingSchemaWhateverTheWhitespace() {
    String spread = ORDER.replace(",", ",\n   ").replace(":", " : ");

    assertThat(AvroSchemas.canonical(spread, List.of(MONEY)))
        .isEqualTo(AvroSchemas.canonical(ORDER, List.of(MONEY)));
  }

  @Test
  void shouldWriteOutTheRootEvenWhenAReferenceDefinesItToo() {
    String canonical = AvroSchemas.canonical(MONEY, List.of(MONEY));

    assertThat(canonical).startsWith(json("{'type':'record','name':'Money'"));
    assertThat(AvroSchemas.parse(canonical, List.of(MONEY)))
        .isEqualTo(AvroSchemas.parse(MONEY, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bad JSON              | {'type':'record',                                                                  | the schema is not valid: not JSON: Unexpected end-of-input
          bad JSON position     | {bad}                                                                              | (line 1, column 2)
          not a schema          | 42                                                                                 | the schema is not valid: Schema not yet supported: 42
          unknown type          | {'type':'record','name':'A','fields':[{'name':'x','type':'strng'}]}                | Undefined schema: strng
          unknown bare name     | "text"                                                                             | the schema is not valid: Undefined schema: text
          unknown type name     | {'type':'com.acme.Text'}                                                           | the schema is not valid: Undefined schema: com.acme.Text
          bad default           | {'type':'record','name':'A','fields':[{'name':'x','type':'int','default':'zero'}]} | Invalid default for field x: "zero" not a "int"
          bad union default     | {'type':'record','name':'A','fields':[{'name':'x','type':['null','int'],'default':'a'}]} | Invalid default for field x
          duplicate field       | {'type':'record','name':'A','fields':[{'name':'x','type':'int'},{'name':'x','type':'long'}]} | Duplicate field x in record A
          duplicate type name   | {'type':'record','name':'A','fields':[{'name':'x','type':{'type':'record','name':'A','fields':[]}}]} | Can't redefine: A
          duplicate enum symbol | {'type':'enum','name':'E','symbols':['A','A']}                                     | Duplicate enum symbol: A
          record without fields | {'type':'record','name':'A'}                                                       | Record has no fields
          invalid name          | {'type':'record','name':'1A','fields':[]}                                          | Illegal initial character: 1A
          fixed without size    | {'type':'fixed','name':'F'}                                                        | Invalid or no size
          nested union          | ['int',['null','string']]                                                          | Nested union
          unknown sort order    | {'type':'record','name':'A','fields':[{'name':'x','type':'int','order':'sideways'}]} | the schema is not valid: No enum constant
          trailing content      | {'type':'string'} {'type':'int'}                                                   | dangling content after end of schema
          """)
  void shouldRefuseAnInvalidSchemaSayingWhatIsWrong(String kind, String schema, String message) {
    SchemaRegistryException refused = refusalOf(json(schema), List.of());

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.errorCode()).isEqualTo(42201);
    assertThat(refused.getMessage()).startsWith("Invalid schema: ").contains(message);
  }

  @Test
  void shouldRefuseAnEmptyOrMissingSchema() {
    assertThat(refusalOf("  ", List.of()).getMessage())
        .isEqualTo("Invalid schema: the schema is empty");
    assertThat(refusalOf(null, List.of()).getMessage())
        .isEqualTo("Invalid schema: the schema is empty");
  }

  @Test
  void shouldSayWhichReferenceDoesNotParse() {
    String broken = json("{'type':'record','name':'Money','fields':[{'name':'cents'}]}");

    SchemaRegistryException refused = refusalOf(ORDER, List.of(MONEY, broken));

    assertThat(refused.errorCode()).isEqualTo(42201);
    assertThat(refused.getMessage())
        .isEqualTo(
            "Invalid schema: referenced schema 2 of 2 is not valid: No field type: {\"name\":\"cents\"}");
  }

  @Test
  void shouldRefuseANameThatNoReferenceDefines() {
    SchemaRegistryException refused = refusalOf(ORDER, List.of());

    assertThat(refused.errorCode()).isEqualTo(42201);
    assertThat(refused.getMessage())
        .contains("the schema is not valid: Undefined schema: com.acme.Money");
  }

  @Test
  void shouldRefuseASchemaRedefiningAReferencedTypeDifferently() {
    String otherMoney =
        json(
            "{'type':'record','name':'Money','namespace':'com.acme','fields':[{'name':'x','type':'int'}]}");

    assertThat(refusalOf(otherMoney, List.of(MONEY)).getMessage())
        .contains("Can't redefine: com.acme.Money");
  }

  @Test
  void shouldShortenAVeryLongReason() {
    String longName = "A".repeat(2_000);
    String schema = json("{'type':'record','name':'" + longName + "'}");

    assertThat(refusalOf(schema, List.of()).getMessage()).hasSizeLessThan(600).endsWith("...");
  }

  @Test
  void shouldCanonicaliseOnlyValidSchemas() {
    assertThat(
            catchThrowableOfType(
                    SchemaRegistryException.class, () -> AvroSchemas.canonical("{", List.of()))
                .errorCode())
        .isEqualTo(42201);
  }

  private static SchemaRegistryException refusalOf(String schema, List<String> references) {
    return catchThrowableOfType(
        SchemaRegistryException.class, () -> AvroSchemas.parse(schema, references));
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
