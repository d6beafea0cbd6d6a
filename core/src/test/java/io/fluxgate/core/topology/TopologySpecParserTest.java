package io.fluxgate.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.core.topology.CorrelateSpec.Side;
import io.fluxgate.core.topology.InvalidTopologySpecException.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologySpecParserTest {

  private static final String ERROR_RATE =
      """
      name: error-rate
      kind: aggregate
      input: "**.error"
      filter: "data.severity == 'high'"
      group_by: [source.component, data.region]
      window: {type: tumbling, size: 1m, grace: 10s}
      aggregations:
        - op: count
        - {op: avg, path: data.latency_ms}
        - {op: p99, path: data.latency_ms, name: slowest}
      emit: updates
      output_event_type: metrics.error_rate
      """;

  private static final String LATENCY =
      """
      {"name": "request-latency", "kind": "correlate",
       "left": "request.started", "right": ["request.completed", "request.failed"],
       "within": "5m", "join": "left",
       "output_event_type": "request.latency",
       "fields": {"path": "left.data.path", "status": "right.data.status"}}
      """;

  private static TopologySpec yaml(String text) {
    return TopologySpecParser.parse(text.getBytes(StandardCharsets.UTF_8), true);
  }

  private static TopologySpec json(String text) {
    return TopologySpecParser.parse(text.getBytes(StandardCharsets.UTF_8), false);
  }

  private static List<Problem> problems(String yaml) {
    return catchThrowableOfType(InvalidTopologySpecException.class, () -> yaml(yaml)).problems();
  }

  @Test
  void shouldReadAnAggregateFromYamlWithItsDefaults() {
    AggregateSpec spec = (AggregateSpec) yaml(ERROR_RATE);

    assertThat(spec.name()).isEqualTo("error-rate");
    assertThat(spec.input()).containsExactly("**.error");
    assertThat(spec.filter()).isEqualTo("data.severity == 'high'");
    assertThat(spec.groupBy())
        .extracting(EventPath::text)
        .containsExactly("source.component", "data.region");
    assertThat(spec.window())
        .isEqualTo(
            new WindowSpec(
                WindowType.TUMBLING, Duration.ofMinutes(1), null, Duration.ofSeconds(10)));
    assertThat(spec.window().advance()).isEqualTo(Duration.ofMinutes(1));
    assertThat(spec.aggregations())
        .extracting(AggregationSpec::name, AggregationSpec::op)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("count", AggregationOp.COUNT),
            org.assertj.core.groups.Tuple.tuple("avg_latency_ms", AggregationOp.AVG),
            org.assertj.core.groups.Tuple.tuple("slowest", AggregationOp.P99));
    assertThat(spec.emit()).isEqualTo(EmitMode.UPDATES);
    assertThat(spec.retention()).as("default: an hour at least").isEqualTo(Duration.ofHours(1));
    assertThat(spec.outputEventType()).isEqualTo("metrics.error_rate");
  }

  @Test
  void shouldReadACorrelateFromJsonWithItsDefaults() {
    CorrelateSpec spec = (CorrelateSpec) json(LATENCY);

    assertThat(spec.left()).containsExactly("request.started");
    assertThat(spec.right()).containsExactly("request.completed", "request.failed");
    assertThat(spec.within()).isEqualTo(Duration.ofMinutes(5));
    assertThat(spec.grace()).isZero();
    assertThat(spec.join()).isEqualTo(JoinType.LEFT);
    assertThat(spec.timeoutEventType()).isEqualTo("request.latency.timeout");
    assertThat(spec.fields()).containsOnlyKeys("path", "status");
    assertThat(spec.fields().get("status").side()).isEqualTo(Side.RIGHT);
    assertThat(spec.fields().get("status").path().text()).isEqualTo("data.status");
  }

  @Test
  void shouldReadItsOwnCanonicalJsonBackToAnEqualSpec() {
    for (TopologySpec spec : List.of(yaml(ERROR_RATE), json(LATENCY))) {
      String canonical = TopologySpecJson.toJson(spec).toString();

      assertThat(json(canonical)).isEqualTo(spec);
    }
  }

  @Test
  void shouldReadAHoppingWindowAndAnExplicitRetention() {
    AggregateSpec spec =
        (AggregateSpec)
            yaml(
                """
                {name: h, kind: aggregate, input: a.*, output_event_type: a.stats,
                 window: {type: hopping, size: 5m, advance: 1m, grace: 30s},
                 aggregations: [{op: max, path: data.n}], retention: 2h}
                """);

    assertThat(spec.window().advance()).isEqualTo(Duration.ofMinutes(1));
    assertThat(spec.retention()).isEqualTo(Duration.ofHours(2));
    assertThat(spec.emit()).isEqualTo(EmitMode.FINAL);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // what is wrong                | the spec's window and aggregations            | field
        "unknown path syntax            | {type: tumbling, size: 1m} | [{op: sum, path: payload.n}] | aggregations[0].path",
        "data path with a bad field     | {type: tumbling, size: 1m} | [{op: sum, path: data.a..b}] | aggregations[0].path",
        "bad duration                   | {type: tumbling, size: 1 minute} | [{op: count}]         | window.size",
        "negative grace                 | {type: tumbling, size: 1m, grace: -1s} | [{op: count}]   | window.grace",
        "window too small               | {type: tumbling, size: 10ms} | [{op: count}]             | window.size",
        "unknown window type            | {type: sliding, size: 1m} | [{op: count}]                | window.type",
        "hopping without advance        | {type: hopping, size: 1m} | [{op: count}]                | window.advance",
        "advance past the size          | {type: hopping, size: 1m, advance: 2m} | [{op: count}]   | window.advance",
        "advance of a tumbling window   | {type: tumbling, size: 1m, advance: 1m} | [{op: count}]  | window.advance",
        "unknown window field           | {type: tumbling, size: 1m, gap: 1m} | [{op: count}]      | window.gap",
        "unknown aggregation            | {type: tumbling, size: 1m} | [{op: median, path: data.n}] | aggregations[0].op",
        "quantile without a path        | {type: tumbling, size: 1m} | [{op: p95}]                 | aggregations[0].path",
        "count with a path              | {type: tumbling, size: 1m} | [{op: count, path: data.n}] | aggregations[0].path",
        "a name used twice              | {type: tumbling, size: 1m} | [{op: count}, {op: count}]  | aggregations[1].name",
        "a reserved name                | {type: tumbling, size: 1m} | [{op: count, name: group}]  | aggregations[0].name",
        "no aggregation                 | {type: tumbling, size: 1m} | []                          | aggregations",
      })
  void shouldRefuseEachKindOfMistakeNamingItsField(
      String mistake, String window, String aggregations, String field) {
    List<Problem> problems =
        problems(
            "{name: n, kind: aggregate, input: a.*, output_event_type: a.stats, window: "
                + window
                + ", aggregations: "
                + aggregations
                + "}");

    assertThat(problems).as(mistake).extracting(Problem::field).containsExactly(field);
  }

  @Test
  void shouldRefuseAGraceLargerThanTheRetentionAllows() {
    List<Problem> problems =
        problems(
            """
            {name: n, kind: aggregate, input: a.*, output_event_type: a.stats,
             window: {type: tumbling, size: 1h, grace: 30m}, aggregations: [{op: count}],
             retention: 1h}
            """);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.field()).isEqualTo("window.grace");
              assertThat(p.message())
                  .contains("grace larger than retention")
                  .contains("at least 90m");
            });
  }

  @Test
  void shouldListEveryProblemOfOneSpecAtOnce() {
    List<Problem> problems =
        problems(
            """
            {name: Bad_Name, kind: aggregate, input: "a..b", filter: "data.n >",
             group_by: [src.host], window: {type: tumbling, size: soon},
             aggregations: [{op: mode, path: data.n}], emit: sometimes, colour: red,
             output_event_type: "bad type"}
            """);

    assertThat(problems)
        .extracting(Problem::field)
        .containsExactlyInAnyOrder(
            "name",
            "output_event_type",
            "colour",
            "input",
            "filter",
            "group_by[0]",
            "window.size",
            "aggregations[0].op",
            "emit");
  }

  @Test
  void shouldRefuseTheMistakesOfACorrelate() {
    List<Problem> problems =
        problems(
            """
            {name: c, kind: correlate, left: a.started, within: 0s, join: cross,
             output_event_type: a.done,
             fields: {duration_ms: left.data.x, from: middle.data.x, to: right.payload.x}}
            """);

    assertThat(problems)
        .extracting(Problem::field)
        .containsExactlyInAnyOrder(
            "right", "within", "join", "fields.duration_ms", "fields.from", "fields.to");
  }

  @Test
  void shouldRefuseWhatIsNotASpec() {
    assertThat(problems("kind: [aggregate"))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML"));
    assertThat(problems("- a list"))
        .extracting(Problem::message)
        .containsExactly("a topology spec is an object");
    assertThat(problems("{name: n, kind: window, output_event_type: x}"))
        .extracting(Problem::field)
        .containsExactly("kind");
    assertThat(
            catchThrowableOfType(
                    InvalidTopologySpecException.class,
                    () ->
                        TopologySpecParser.parse(
                            "{\"name\":".getBytes(StandardCharsets.UTF_8), false))
                .problems())
        .singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("not valid JSON"));
  }
}
