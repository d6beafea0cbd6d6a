package io.fluxgate.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterTest {
  private static final EventJson JSON = new EventJson(EventLimits.defaults(), Clock.systemUTC());

  private static final Map<String, Object> ORDER =
      variables(
          """
          {"event_type": "order.created", "id": "0b0f1a36-1111-4c1e-9d7c-2d1f0c7c0a01",
           "timestamp": "2026-03-01T12:00:00Z", "version": "2.1", "priority": "high",
           "source": {"component": "checkout", "correlation_id": "c-42"},
           "metadata": {"env": "prod", "region": "eu-west-1"},
           "data": {"amount": 150, "price": 19.99, "big": 123456789012345678901234567890,
                    "currency": "EUR", "express": true, "note": null, "customer": "acme-corp",
                    "order": {"items": [{"sku": "SKU-1", "qty": 2}, {"sku": "SKU-2", "qty": 1}]}}}
          """);

  private static Map<String, Object> variables(String json) {
    UniversalEvent event = JSON.parseEvent(json.getBytes(StandardCharsets.UTF_8));
    return FilterVariables.of(event);
  }

  private static FilterOutcome run(String expression) {
    return EventFilterCompiler.compile(expression).evaluate(ORDER);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          data.amount >= 100                          | MATCHED
          data.amount > 150                           | NOT_MATCHED
          data.amount == 150                          | MATCHED
          data.amount >= 100.5                        | MATCHED
          data.price < 20                             | MATCHED
          data.price > 19.99                          | NOT_MATCHED
          data.price == 19.99                         | MATCHED
          data.big > 1e29                             | MATCHED
          data.amount * 2 == 300                      | MATCHED
          data.order.items[0].qty + data.order.items[1].qty == 3 | MATCHED
          """)
  void shouldCompareIntegersAndDecimals(String expression, FilterOutcome expected) {
    assertThat(run(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          event_type == 'order.created'               | MATCHED
          event_type.startsWith('order.')             | MATCHED
          event_type.startsWith('user.')              | NOT_MATCHED
          data.customer.contains('acme')              | MATCHED
          data.customer.endsWith('-corp')             | MATCHED
          data.customer.matches('^acme-[a-z]+$')      | MATCHED
          data.currency in ['EUR', 'USD']             | MATCHED
          data.currency != 'EUR'                      | NOT_MATCHED
          priority == 'high'                          | MATCHED
          version == '2.1'                            | MATCHED
          id.size() == 36                             | MATCHED
          """)
  void shouldCompareAndSearchStrings(String expression, FilterOutcome expected) {
    assertThat(run(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      textBlock =
          """
          data.express                                => MATCHED
          !data.express                               => NOT_MATCHED
          data.express == true && data.amount > 10    => MATCHED
          data.express && data.amount > 1000          => NOT_MATCHED
          data.amount > 1000 || data.express          => MATCHED
          data.amount > 1000 || !data.express         => NOT_MATCHED
          data.note == null                           => MATCHED
          """)
  void shouldCombineBooleans(String expression, FilterOutcome expected) {
    assertThat(run(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          data.order.items[0].sku == 'SKU-1'          | MATCHED
          data.order.items[1].sku == 'SKU-1'          | NOT_MATCHED
          data.order.items.exists(i, i.sku == 'SKU-2') | MATCHED
          data.order.items.all(i, i.qty >= 1)         | MATCHED
          size(data.order.items) == 2                 | MATCHED
          source.component == 'checkout'              | MATCHED
          source['correlation_id'] == 'c-42'          | MATCHED
          metadata.env == 'prod'                      | MATCHED
          metadata['region'].startsWith('eu-')        | MATCHED
          timestamp > timestamp('2026-01-01T00:00:00Z') | MATCHED
          timestamp < timestamp('2026-03-01T00:00:00Z') | NOT_MATCHED
          """)
  void shouldReadNestedPathsAndEnvelopeFields(String expression, FilterOutcome expected) {
    assertThat(run(expression)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          has(data.amount)                            | MATCHED
          has(data.discount)                          | NOT_MATCHED
          has(data.order.items)                       | MATCHED
          has(source.component)                       | MATCHED
          has(source.instance_id)                     | NOT_MATCHED
          has(metadata.team)                          | NOT_MATCHED
          has(data.discount) && data.discount > 5     | NOT_MATCHED
          data.discount > 5                           | MISSING_FIELD
          data.order.customer.name == 'x'             | MISSING_FIELD
          metadata.team == 'payments'                 | MISSING_FIELD
          source.instance_id == 'i-1'                 | MISSING_FIELD
          """)
  void shouldTreatMissingFieldsAsNoMatch(String expression, FilterOutcome expected) {
    FilterOutcome outcome = run(expression);

    assertThat(outcome).isEqualTo(expected);
    assertThat(outcome.matched()).isEqualTo(expected == FilterOutcome.MATCHED);
  }

  @Test
  void shouldNotMatchAnEventWithoutDataOnADataField() {
    Map<String, Object> bare = variables("{\"event_type\": \"order.created\"}");

    assertThat(EventFilterCompiler.compile("data.amount >= 100").evaluate(bare))
        .isEqualTo(FilterOutcome.MISSING_FIELD);
    assertThat(EventFilterCompiler.compile("has(source.component)").evaluate(bare))
        .isEqualTo(FilterOutcome.NOT_MATCHED);
    assertThat(EventFilterCompiler.compile("metadata.env == 'prod'").evaluate(bare))
        .isEqualTo(FilterOutcome.MISSING_FIELD);
  }

  @Test
  void shouldReadOnlyTheGivenVariablesAndNotMatchWhenADeclaredOneIsAbsent() {
    // Callers other than FilterVariables.of may hand over a partial map (or one with nulls).
    Map<String, Object> partial = new HashMap<>();
    partial.put(FilterVariables.EVENT_TYPE, "order.created");
    partial.put(FilterVariables.PRIORITY, null);

    assertThat(EventFilterCompiler.compile("event_type == 'order.created'").evaluate(partial))
        .isEqualTo(FilterOutcome.MATCHED);
    // An absent variable is an evaluation error, not a missing field of a present one.
    assertThat(EventFilterCompiler.compile("data.amount >= 100").evaluate(partial))
        .isEqualTo(FilterOutcome.ERROR);
    assertThat(EventFilterCompiler.compile("priority == 'high'").evaluate(partial))
        .isEqualTo(FilterOutcome.ERROR);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          data.currency > 5
          data.amount.startsWith('1')
          data.customer + 1 == 2
          data.amount / (data.amount - 150) > 1
          data.order.items[5].sku == 'x'
          """)
  void shouldTreatRuntimeErrorsAsNoMatch(String expression) {
    FilterOutcome outcome = run(expression);

    assertThat(outcome).isEqualTo(FilterOutcome.ERROR);
    assertThat(outcome.matched()).isFalse();
  }

  @Test
  void shouldStopAnEvaluationThatExceedsTheIterationBudget() {
    String ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
    String nested =
        ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, d > 0))))";

    EventFilter filter = EventFilterCompiler.compile(nested);

    assertThat(filter.evaluate(ORDER)).isEqualTo(FilterOutcome.ERROR);
    assertThat(EventFilterCompiler.compile(ten + ".all(a, a > 0)").evaluate(ORDER))
        .isEqualTo(FilterOutcome.MATCHED);
  }

  @Test
  void shouldRejectASyntaxErrorWithItsPosition() {
    assertThatThrownBy(() -> EventFilterCompiler.compile("data.amount >= "))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> {
              assertThat(e.position()).isEqualTo(15);
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.column()).isEqualTo(16);
              assertThat(e.reason()).isNotBlank();
            });
  }

  @Test
  void shouldGiveTheOffsetOfAnErrorOnALaterLine() {
    assertThatThrownBy(() -> EventFilterCompiler.compile("data.amount > 1 &&\n  nope == 2"))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.position()).isEqualTo(21);
              assertThat(e.reason()).contains("undeclared reference to 'nope'");
            });
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          event_type + 1 == 2             | 11  | no matching overload
          metadata.env > 3                | 13  | no matching overload
          event_type                      | 0   | expected type 'bool' but found 'string'
          size(metadata)                  | 4   | expected type 'bool' but found 'int'
          unknown_fn(data)                | 10  | undeclared reference to 'unknown_fn'
          data.amount >> 2                | 13  | extraneous input '>'
          """)
  void shouldRejectExpressionsThatDoNotTypeCheckToBool(
      String expression, int position, String reason) {
    assertThatThrownBy(() -> EventFilterCompiler.compile(expression))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> {
              assertThat(e.position()).isEqualTo(position);
              assertThat(e.reason()).contains(reason);
            });
  }

  @Test
  void shouldRejectAnEmptyExpression() {
    assertThatThrownBy(() -> EventFilterCompiler.compile("  "))
        .isInstanceOfSatisfying(
            InvalidFilterException.class, e -> assertThat(e.position()).isZero());
  }

  @Test
  void shouldRejectAnExpressionLongerThanTheCap() {
    String tooLong = "data.a == '" + "x".repeat(EventFilterCompiler.MAX_LENGTH) + "'";

    assertThatThrownBy(() -> EventFilterCompiler.compile(tooLong))
        .isInstanceOfSatisfying(
            InvalidFilterException.class,
            e -> {
              assertThat(e.position()).isEqualTo(EventFilterCompiler.MAX_LENGTH);
              assertThat(e.reason()).contains("at most " + EventFilterCompiler.MAX_LENGTH);
            });
  }

  @Test
  void shouldKeepTheExpressionAsWritten() {
    assertThat(EventFilterCompiler.compile(" data.x == 1 ").expression())
        .isEqualTo(" data.x == 1 ");
  }
}
