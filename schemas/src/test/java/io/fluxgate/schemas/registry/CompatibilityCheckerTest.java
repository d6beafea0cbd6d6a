package io.fluxgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.CompatibilityChecker.VersionedSchema;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class CompatibilityCheckerTest {

  @Test
  void shouldExplainANewFieldWithoutADefaultAgainstTheVersionItBreaks() {
    Schema v1 = payment("{'name':'amount','type':'long'}");
    Schema v2 = payment("{'name':'amount','type':'long'}", "{'name':'currency','type':'string'}");

    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(
            CompatibilityLevel.BACKWARD, v2, List.of(new VersionedSchema(1, v1)));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "currency",
                "a default for new field 'currency' (type string)",
                "(absent)",
                "BACKWARD",
                1));
    assertThat(reasons.get(0).describe())
        .isEqualTo(
            "READER_FIELD_MISSING_DEFAULT_VALUE at 'currency': expected a default for new field"
                + " 'currency' (type string), found (absent) [BACKWARD, against version 1]");
  }

  @Test
  void shouldExplainARemovedFieldThatAnEarlierSchemaCannotDoWithout() {
    Schema v1 = payment("{'name':'amount','type':'long'}", "{'name':'currency','type':'string'}");
    Schema v2 = payment("{'name':'amount','type':'long'}");

    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(
            CompatibilityLevel.FORWARD, v2, List.of(new VersionedSchema(4, v1)));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "READER_FIELD_MISSING_DEFAULT_VALUE",
                "currency",
                "field 'currency' (type string), which the earlier schema has no default for",
                "(absent)",
                "FORWARD",
                4));
  }

  @Test
  void shouldNameTheDottedPathOfANestedFieldWhoseTypeChanged() {
    Schema v1 = order("{'name':'amount','type':'string'}");
    Schema v2 = order("{'name':'amount','type':'long'}");

    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(
            CompatibilityLevel.BACKWARD, v2, List.of(new VersionedSchema(1, v1)));

    assertThat(reasons)
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.type()).isEqualTo("TYPE_MISMATCH");
              assertThat(reason.path()).isEqualTo("payment.amount");
              assertThat(reason.expected()).isEqualTo("long");
              assertThat(reason.found()).isEqualTo("string");
            });
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {'type':'array','items':'string'}                         | {'type':'array','items':'int'}                         | tags[]
          {'type':'map','values':'string'}                          | {'type':'map','values':'int'}                          | tags{}
          {'type':'array','items':{'type':'map','values':'string'}} | {'type':'array','items':{'type':'map','values':'int'}} | tags[]{}
          """)
  void shouldNameArrayItemsAndMapValuesInThePath(String before, String after, String path) {
    Schema v1 = payment("{'name':'tags','type':" + before + "}");
    Schema v2 = payment("{'name':'tags','type':" + after + "}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility("TYPE_MISMATCH", path, "int", "string", "BACKWARD", 0));
  }

  @Test
  void shouldNameTheWritersUnionBranchTheReaderLacks() {
    Schema v1 = payment("{'name':'data','type':['null','string']}");
    Schema v2 = payment("{'name':'data','type':['null','int']}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "MISSING_UNION_BRANCH",
                "data<string>",
                "a branch of [null, int] for string",
                "string",
                "BACKWARD",
                0));
  }

  @Test
  void shouldNameTheFieldInsideAnOptionalRecordRatherThanTheWholeUnion() {
    Schema v1 = payment("{'name':'card','type':['null'," + card("string") + "],'default':null}");
    Schema v2 = payment("{'name':'card','type':['null'," + card("long") + "],'default':null}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "TYPE_MISMATCH", "card<com.acme.Card>.number", "long", "string", "BACKWARD", 0));
  }

  @Test
  void shouldFollowMapsArraysAndUnionsDownToTheNewField() {
    String q1 = "{'type':'record','name':'Line','fields':[{'name':'sku','type':'string'}]}";
    String q2 =
        "{'type':'record','name':'Line','fields':"
            + "[{'name':'sku','type':'string'},{'name':'qty','type':'int'}]}";
    Schema v1 = payment("{'name':'lines','type':{'type':'map','values':['null'," + q1 + "]}}");
    Schema v2 = payment("{'name':'lines','type':{'type':'map','values':['null'," + q2 + "]}}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .extracting(Incompatibility::describe)
        .containsExactly(
            "READER_FIELD_MISSING_DEFAULT_VALUE at 'lines{}<com.acme.Line>.qty': expected a default"
                + " for new field 'qty' (type int), found (absent) [BACKWARD]");
  }

  @Test
  void shouldSayANewEnumFieldWithOnlyAnEnumDefaultIsAbsentFromOldData() {
    Schema v1 = payment("{'name':'id','type':'string'}");
    Schema v2 =
        payment(
            "{'name':'id','type':'string'}",
            "{'name':'method','type':{'type':'enum','name':'Method','symbols':['CARD'],"
                + "'default':'CARD'}}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "TYPE_MISMATCH", "method", "enum com.acme.Method", "(absent)", "BACKWARD", 0));
  }

  @Test
  void shouldNameTheBranchOfARootUnion() {
    Schema v1 = AvroSchemas.parse(json("['string','long']"), List.of());
    Schema v2 = AvroSchemas.parse(json("['null','string','int']"), List.of());

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "MISSING_UNION_BRANCH",
                "<long>",
                "a branch of [null, string, int] for long",
                "long",
                "BACKWARD",
                0));
  }

  @Test
  void shouldFallBackToAvrosPointerForALocationItCannotFollow() {
    Schema schema = payment("{'name':'id','type':'string'}");

    AvroLocation location = AvroLocation.resolve(schema, schema, "/fields/7/type", "");

    assertThat(location.path()).isEqualTo("/fields/7/type");
    assertThat(location.field()).isNull();
  }

  @Test
  void shouldNameTheNullBranchWhenAnEarlierSchemaCannotReadAFieldMadeOptional() {
    Schema v1 = payment("{'name':'amount','type':'int'}");
    Schema v2 = payment("{'name':'amount','type':['null','int'],'default':null}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.FORWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility("TYPE_MISMATCH", "amount<null>", "int", "null", "FORWARD", 0));
  }

  @Test
  void shouldListTheEnumSymbolsAnEarlierSchemaDoesNotKnow() {
    Schema v1 = payment("{'name':'method','type':" + method("'CARD'") + "}");
    Schema v2 = payment("{'name':'method','type':" + method("'CARD','CASH','IOU'") + "}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.FORWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "MISSING_ENUM_SYMBOLS",
                "method",
                "enum com.acme.Method to know [CASH, IOU] or have a default",
                "enum com.acme.Method with symbols [CARD, CASH, IOU]",
                "FORWARD",
                0));
  }

  @Test
  void shouldSayTheRootRecordWasRenamed() {
    Schema v1 = payment("{'name':'amount','type':'long'}");
    Schema v2 =
        AvroSchemas.parse(
            json(
                "{'type':'record','name':'Charge','namespace':'com.acme',"
                    + "'fields':[{'name':'amount','type':'long'}]}"),
            List.of());

    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(
            CompatibilityLevel.BACKWARD, v2, List.of(new VersionedSchema(2, v1)));

    assertThat(reasons)
        .extracting(Incompatibility::describe)
        .containsExactly(
            "NAME_MISMATCH at the root: expected record com.acme.Charge, found record"
                + " com.acme.Payment [BACKWARD, against version 2]");
  }

  @Test
  void shouldGiveBothSizesOfAResizedFixed() {
    Schema v1 = payment("{'name':'hash','type':{'type':'fixed','name':'Hash','size':16}}");
    Schema v2 = payment("{'name':'hash','type':{'type':'fixed','name':'Hash','size':32}}");

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility(
                "FIXED_SIZE_MISMATCH",
                "hash",
                "fixed com.acme.Hash (size 32)",
                "fixed com.acme.Hash (size 16)",
                "BACKWARD",
                0));
  }

  @Test
  void shouldCompareBarePrimitiveSchemasAtTheRoot() {
    Schema v1 = AvroSchemas.parse("\"string\"", List.of());
    Schema v2 =
        AvroSchemas.parse("{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}", List.of());

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.BACKWARD, v2, List.of(v1));

    assertThat(reasons)
        .extracting(Incompatibility::describe)
        .containsExactly(
            "TYPE_MISMATCH at the root: expected long (timestamp-millis), found string [BACKWARD]");
  }

  @Test
  void shouldReportBothDirectionsUnderFull() {
    Schema v1 = payment("{'name':'amount','type':'string'}");
    Schema v2 = payment("{'name':'amount','type':'int'}");

    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(
            CompatibilityLevel.FULL, v2, List.of(new VersionedSchema(1, v1)));

    assertThat(reasons)
        .containsExactly(
            new Incompatibility("TYPE_MISMATCH", "amount", "int", "string", "BACKWARD", 1),
            new Incompatibility("TYPE_MISMATCH", "amount", "string", "int", "FORWARD", 1));
  }

  /**
   * Three versions where v3 follows v2 but not v1: the non-transitive level accepts v3, its
   * transitive form refuses it against version 1 only.
   */
  @ParameterizedTest(name = "{0} accepts v3, {1} refuses it against version 1")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          BACKWARD | BACKWARD_TRANSITIVE | BACKWARD | {'name':'note','type':'string','default':''} | {'name':'tip','type':'int','default':0} | {'name':'tip','type':'int'}
          FORWARD  | FORWARD_TRANSITIVE  | FORWARD  | {'name':'tip','type':'int'}                  | {'name':'tip','type':'int','default':0} | {'name':'note','type':'string','default':''}
          FULL     | FULL_TRANSITIVE     | FORWARD  | {'name':'tip','type':'int'}                  | {'name':'tip','type':'int','default':0} | {'name':'note','type':'string','default':''}
          """)
  void shouldCheckEveryEarlierVersionOnlyWhenTransitive(
      CompatibilityLevel latestOnly,
      CompatibilityLevel transitive,
      String direction,
      String v1Field,
      String v2Field,
      String v3Field) {
    List<VersionedSchema> history =
        List.of(
            new VersionedSchema(2, payment("{'name':'id','type':'string'}", v2Field)),
            new VersionedSchema(1, payment("{'name':'id','type':'string'}", v1Field)));
    Schema v3 = payment("{'name':'id','type':'string'}", v3Field);

    assertThat(CompatibilityChecker.checkAgainst(latestOnly, v3, history)).isEmpty();
    assertThat(CompatibilityChecker.checkAgainst(transitive, v3, history))
        .singleElement()
        .satisfies(
            reason -> {
              assertThat(reason.againstVersion()).isEqualTo(1);
              assertThat(reason.direction()).isEqualTo(direction);
              assertThat(reason.type()).isEqualTo("READER_FIELD_MISSING_DEFAULT_VALUE");
              assertThat(reason.path()).isEqualTo("tip");
            });
  }

  @Test
  void shouldAcceptAnIntBecomingADoubleThroughALongUnderBackwardTransitive() {
    List<VersionedSchema> history =
        List.of(
            new VersionedSchema(2, payment("{'name':'amount','type':'long'}")),
            new VersionedSchema(1, payment("{'name':'amount','type':'int'}")));

    assertThat(
            CompatibilityChecker.checkAgainst(
                CompatibilityLevel.BACKWARD_TRANSITIVE,
                payment("{'name':'amount','type':'double'}"),
                history))
        .isEmpty();
  }

  @ParameterizedTest
  @EnumSource(CompatibilityLevel.class)
  void shouldAcceptAnySchemaAsTheFirstVersion(CompatibilityLevel level) {
    assertThat(CompatibilityChecker.check(level, payment("{'name':'id','type':'int'}"), List.of()))
        .isEmpty();
  }

  @Test
  void shouldAcceptAnythingUnderNone() {
    Schema v1 = payment("{'name':'amount','type':'string'}");
    Schema unrelated = AvroSchemas.parse("\"boolean\"", List.of());

    assertThat(CompatibilityChecker.check(CompatibilityLevel.NONE, unrelated, List.of(v1)))
        .isEmpty();
  }

  @Test
  void shouldTerminateOnRecursiveTypesAndNameTheBrokenField() {
    Schema v1 = AvroSchemas.parse(node("int"), List.of());
    Schema v2 = AvroSchemas.parse(node("string"), List.of());

    List<Incompatibility> reasons =
        CompatibilityChecker.check(CompatibilityLevel.FULL, v2, List.of(v1));

    assertThat(reasons).isNotEmpty();
    assertThat(reasons)
        .allSatisfy(reason -> assertThat(reason.path()).endsWith("value"))
        .extracting(Incompatibility::type)
        .containsOnly("TYPE_MISMATCH");
  }

  @Test
  void shouldRefuseANegativeVersionOrAMissingSchema() {
    Schema schema = payment("{'name':'id','type':'int'}");

    assertThatThrownBy(() -> new VersionedSchema(-1, schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> new VersionedSchema(1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("schema");
  }

  @Test
  void shouldRequireEveryPartOfAnIncompatibility() {
    assertThatThrownBy(() -> new Incompatibility("TYPE_MISMATCH", "a", "int", null, "FORWARD", 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("found");
  }

  private static Schema payment(String... fields) {
    return AvroSchemas.parse(
        json(
            "{'type':'record','name':'Payment','namespace':'com.acme','fields':["
                + String.join(",", fields)
                + "]}"),
        List.of());
  }

  private static Schema order(String amountField) {
    return AvroSchemas.parse(
        json(
            "{'type':'record','name':'Order','namespace':'com.acme','fields':["
                + "{'name':'id','type':'string'},"
                + "{'name':'payment','type':{'type':'record','name':'Payment','fields':["
                + "{'name':'currency','type':'string'},"
                + amountField
                + "]}}]}"),
        List.of());
  }

  private static String card(String numberType) {
    return "{'type':'record','name':'Card','fields':[{'name':'number','type':'"
        + numberType
        + "'}]}";
  }

  private static String method(String symbols) {
    return "{'type':'enum','name':'Method','symbols':[" + symbols + "]}";
  }

  private static String node(String valueType) {
    return json(
        "{'type':'record','name':'Node','fields':[{'name':'value','type':'"
            + valueType
            + "'},{'name':'next','type':['null','Node'],'default':null}]}");
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }
}
