package io.fluxgate.core.filter;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One compiled subscription filter, ready to run against many events. Immutable and thread-safe.
 *
 * <pre>{@code
 * EventFilter filter = EventFilterCompiler.compile("data.amount >= 100 && metadata.env == 'prod'");
 * boolean deliver = filter.evaluate(FilterVariables.of(event)).matched();
 * }</pre>
 *
 * A filter never throws on an event: a missing field or a runtime type error is an outcome that
 * does not match, so one odd event cannot stop the fan-out.
 */
public final class EventFilter {
  private final String expression;
  private final CelRuntime.Program program;

  EventFilter(String expression, CelRuntime.Program program) {
    this.expression = Objects.requireNonNull(expression, "expression");
    this.program = Objects.requireNonNull(program, "program");
  }

  /** The expression as the subscriber wrote it. */
  public String expression() {
    return expression;
  }

  /** Runs the filter on one event's variables, as built by {@link FilterVariables#of}. */
  public FilterOutcome evaluate(Map<String, ?> variables) {
    Object result;
    try {
      // A resolver over the map: eval(Map) would copy it into an immutable map on every call.
      result = program.eval(name -> Optional.<Object>ofNullable(variables.get(name)));
    } catch (CelEvaluationException e) {
      return e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND
          ? FilterOutcome.MISSING_FIELD
          : FilterOutcome.ERROR;
    } catch (RuntimeException e) {
      return FilterOutcome.ERROR;
    }
    if (result instanceof Boolean matched) {
      return matched ? FilterOutcome.MATCHED : FilterOutcome.NOT_MATCHED;
    }
    // Only reachable if the checker let a dyn through; such a value is not a yes.
    return FilterOutcome.ERROR;
  }

  @Override
  public String toString() {
    return "EventFilter[" + expression + "]";
  }
}
