package io.fluxgate.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.registry.CompatibilityChecker.VersionedSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which schema changes each compatibility level allows, as Avro's resolution rules decide. Read the
 * table as documentation: a row is a change from the versions before it, a column a level, "yes"
 * means the registry accepts the change. Every refusal carries the Avro incompatibility type and
 * the field path named in {@link Change}.
 */
class CompatibilityMatrixTest {

  private static final String MATRIX =
      """
      change                            | NONE | BACKWARD | BACKWARD_TRANSITIVE | FORWARD | FORWARD_TRANSITIVE | FULL | FULL_TRANSITIVE
      ADD_FIELD_WITH_DEFAULT            | yes  | yes      | yes                 | yes     | yes                | yes  | yes
      ADD_FIELD_WITHOUT_DEFAULT         | yes  | no       | no                  | yes     | yes                | no   | no
      REMOVE_FIELD_WITH_DEFAULT         | yes  | yes      | yes                 | yes     | yes                | yes  | yes
      REMOVE_FIELD_WITHOUT_DEFAULT      | yes  | yes      | yes                 | no      | no                 | no   | no
      RENAME_FIELD_WITH_ALIAS           | yes  | yes      | yes                 | no      | no                 | no   | no
      PROMOTE_INT_TO_LONG               | yes  | yes      | yes                 | no      | no                 | no   | no
      PROMOTE_LONG_TO_DOUBLE            | yes  | yes      | yes                 | no      | no                 | no   | no
      PROMOTE_INT_TO_LONG_TO_DOUBLE     | yes  | yes      | yes                 | no      | no                 | no   | no
      NARROW_LONG_TO_INT                | yes  | no       | no                  | yes     | yes                | no   | no
      CHANGE_STRING_TO_INT              | yes  | no       | no                  | no      | no                 | no   | no
      MAKE_FIELD_NULLABLE               | yes  | yes      | yes                 | no      | no                 | no   | no
      ADD_ENUM_SYMBOL                   | yes  | yes      | yes                 | no      | no                 | no   | no
      ADD_ENUM_SYMBOL_WITH_ENUM_DEFAULT | yes  | yes      | yes                 | yes     | yes                | yes  | yes
      REMOVE_ENUM_SYMBOL                | yes  | no       | no                  | yes     | yes                | no   | no
      """;

  /**
   * The versions of each change, oldest first, and the type and field path a refusal of it carries.
   */
  enum Change {
    ADD_FIELD_WITH_DEFAULT(
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "currency",
        payment(AMOUNT_INT),
        payment(AMOUNT_INT, "{'name':'currency','type':'string','default':'EUR'}")),
    ADD_FIELD_WITHOUT_DEFAULT(
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "currency",
        payment(AMOUNT_INT),
        payment(AMOUNT_INT, "{'name':'currency','type':'string'}")),
    REMOVE_FIELD_WITH_DEFAULT(
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "currency",
        payment(AMOUNT_INT, "{'name':'currency','type':'string','default':'EUR'}"),
        payment(AMOUNT_INT)),
    REMOVE_FIELD_WITHOUT_DEFAULT(
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "currency",
        payment(AMOUNT_INT, "{'name':'currency','type':'string'}"),
        payment(AMOUNT_INT)),
    RENAME_FIELD_WITH_ALIAS(
        "READER_FIELD_MISSING_DEFAULT_VALUE",
        "amount",
        payment("{'name':'amount','type':'int'}"),
        payment("{'name':'cents','aliases':['amount'],'type':'int'}")),
    PROMOTE_INT_TO_LONG("TYPE_MISMATCH", "amount", payment(AMOUNT_INT), payment(AMOUNT_LONG)),
    PROMOTE_LONG_TO_DOUBLE("TYPE_MISMATCH", "amount", payment(AMOUNT_LONG), payment(AMOUNT_DOUBLE)),
    PROMOTE_INT_TO_LONG_TO_DOUBLE(
        "TYPE_MISMATCH",
        "amount",
        payment(AMOUNT_INT),
        payment(AMOUNT_LONG),
        payment(AMOUNT_DOUBLE)),
    NARROW_LONG_TO_INT("TYPE_MISMATCH", "amount", payment(AMOUNT_LONG), payment(AMOUNT_INT)),
    CHANGE_STRING_TO_INT(
        "TYPE_MISMATCH",
        "amount",
        payment("{'name':'amount','type':'string'}"),
        payment("{'name':'amount','type':'int'}")),
    MAKE_FIELD_NULLABLE(
        "TYPE_MISMATCH",
        "amount<null>",
        payment(AMOUNT_INT),
        payment("{'name':'amount','type':['null','int'],'default':null}")),
    ADD_ENUM_SYMBOL(
        "MISSING_ENUM_SYMBOLS", "method", payment(method("CARD")), payment(method("CARD", "CASH"))),
    ADD_ENUM_SYMBOL_WITH_ENUM_DEFAULT(
        "MISSING_ENUM_SYMBOLS",
        "method",
        payment(methodDefaultingTo("OTHER", "CARD", "OTHER")),
        payment(methodDefaultingTo("OTHER", "CARD", "CASH", "OTHER"))),
    REMOVE_ENUM_SYMBOL(
        "MISSING_ENUM_SYMBOLS", "method", payment(method("CARD", "CASH")), payment(method("CARD")));

    final String refusal;
    final String refusedAt;
    final List<Schema> oldestFirst;

    Change(String refusal, String refusedAt, String... versionsOldestFirst) {
      this.refusal = refusal;
      this.refusedAt = refusedAt;
      this.oldestFirst =
          Arrays.stream(versionsOldestFirst)
              .map(text -> AvroSchemas.parse(text, List.of()))
              .toList();
    }

    Schema candidate() {
      return oldestFirst.get(oldestFirst.size() - 1);
    }

    List<VersionedSchema> earlierNewestFirst() {
      List<VersionedSchema> earlier = new ArrayList<>();
      for (int version = oldestFirst.size() - 1; version >= 1; version--) {
        earlier.add(new VersionedSchema(version, oldestFirst.get(version - 1)));
      }
      return earlier;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  static Stream<Arguments> matrix() {
    List<String> lines = MATRIX.lines().toList();
    List<String> levels = cells(lines.get(0)).subList(1, 8);
    return lines.stream()
        .skip(1)
        .map(CompatibilityMatrixTest::cells)
        .flatMap(
            row ->
                levels.stream()
                    .map(
                        level ->
                            Arguments.of(
                                Change.valueOf(row.get(0)),
                                CompatibilityLevel.valueOf(level),
                                row.get(1 + levels.indexOf(level)).equals("yes"))));
  }

  @ParameterizedTest(name = "{0} under {1}: accepted = {2}")
  @MethodSource("matrix")
  void shouldAcceptExactlyTheChangesAvroCanResolve(
      Change change, CompatibilityLevel level, boolean accepted) {
    List<Incompatibility> reasons =
        CompatibilityChecker.checkAgainst(level, change.candidate(), change.earlierNewestFirst());

    if (accepted) {
      assertThat(reasons).isEmpty();
    } else {
      assertThat(reasons).isNotEmpty();
      assertThat(reasons).extracting(Incompatibility::type).containsOnly(change.refusal);
      assertThat(reasons).extracting(Incompatibility::path).containsOnly(change.refusedAt);
    }
  }

  private static List<String> cells(String line) {
    return Arrays.stream(line.split("\\|")).map(String::trim).toList();
  }

  private static final String AMOUNT_INT = "{'name':'amount','type':'int'}";
  private static final String AMOUNT_LONG = "{'name':'amount','type':'long'}";
  private static final String AMOUNT_DOUBLE = "{'name':'amount','type':'double'}";

  private static String method(String... symbols) {
    return "{'name':'method','type':{'type':'enum','name':'Method','symbols':"
        + quoted(symbols)
        + "}}";
  }

  private static String methodDefaultingTo(String fallback, String... symbols) {
    return "{'name':'method','type':{'type':'enum','name':'Method','symbols':"
        + quoted(symbols)
        + ",'default':'"
        + fallback
        + "'}}";
  }

  private static String quoted(String... symbols) {
    return Arrays.stream(symbols).map(s -> "'" + s + "'").toList().toString();
  }

  private static String payment(String... fields) {
    String json =
        "{'type':'record','name':'Payment','namespace':'com.acme','fields':["
            + String.join(",", fields)
            + "]}";
    return json.replace('\'', '"');
  }
}
