package io.fluxgate.core.filter;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Objects;

/**
 * Compiles subscription filters: CEL expressions over one event, type-checked to {@code bool}.
 *
 * <pre>{@code
 * EventFilter filter = EventFilterCompiler.compile("event_type.startsWith('order.')");
 * }</pre>
 *
 * The variables are those of {@link FilterVariables}: {@code event_type}, {@code id}, {@code
 * version}, {@code priority} (strings), {@code timestamp} (a timestamp), {@code source} and {@code
 * metadata} (maps of strings) and {@code data} (dynamic: the event's JSON). Expressions are capped
 * at {@link #MAX_LENGTH} characters and comprehensions ({@code exists}, {@code all}, {@code map},
 * ...) at {@link #MAX_ITERATIONS} iterations, so no filter can stall the fan-out. The compiler and
 * runtime are immutable and shared.
 */
public final class EventFilterCompiler {
  /** The longest expression accepted, in characters. */
  public static final int MAX_LENGTH = 4096;

  /** The most iterations one evaluation may spend in comprehensions. */
  public static final int MAX_ITERATIONS = 1000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .enableTimestampEpoch(true)
          .comprehensionMaxIterations(MAX_ITERATIONS)
          .maxExpressionCodePointSize(MAX_LENGTH)
          .build();

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar(FilterVariables.EVENT_TYPE, SimpleType.STRING)
          .addVar(FilterVariables.ID, SimpleType.STRING)
          .addVar(FilterVariables.TIMESTAMP, SimpleType.TIMESTAMP)
          .addVar(FilterVariables.VERSION, SimpleType.STRING)
          .addVar(FilterVariables.PRIORITY, SimpleType.STRING)
          .addVar(FilterVariables.SOURCE, MapType.create(SimpleType.STRING, SimpleType.STRING))
          .addVar(FilterVariables.METADATA, MapType.create(SimpleType.STRING, SimpleType.STRING))
          .addVar(FilterVariables.DATA, SimpleType.DYN)
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

  private EventFilterCompiler() {}

  /**
   * Parses, type-checks and plans {@code expression}.
   *
   * @throws InvalidFilterException with the position and CEL's message of the first problem
   */
  public static EventFilter compile(String expression) {
    Objects.requireNonNull(expression, "expression");
    if (expression.length() > MAX_LENGTH) {
      throw new InvalidFilterException(
          MAX_LENGTH,
          1,
          MAX_LENGTH + 1,
          "the expression has " + expression.length() + " characters; at most " + MAX_LENGTH);
    }
    if (expression.isBlank()) {
      throw new InvalidFilterException(0, 1, 1, "the expression is empty");
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = COMPILER.compile(expression).getAst();
    } catch (CelValidationException e) {
      throw invalid(expression, e);
    }
    try {
      return new EventFilter(expression, RUNTIME.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new InvalidFilterException(0, 1, 1, e.getMessage());
    }
  }

  private static InvalidFilterException invalid(String expression, CelValidationException e) {
    if (e.getErrors().isEmpty()) {
      return new InvalidFilterException(0, 1, 1, e.getMessage());
    }
    CelIssue issue = e.getErrors().get(0);
    CelSourceLocation location = issue.getSourceLocation();
    int line = Math.max(location.getLine(), 1);
    int column = Math.max(location.getColumn(), 0);
    return new InvalidFilterException(
        offset(expression, line, column), line, column + 1, issue.getMessage());
  }

  /** The character offset of a 1-based line and a 0-based column, clamped to the expression. */
  private static int offset(String expression, int line, int column) {
    int start = 0;
    for (int l = 1; l < line; l++) {
      int newline = expression.indexOf('\n', start);
      if (newline < 0) {
        break;
      }
      start = newline + 1;
    }
    return Math.min(start + column, expression.length());
  }
}
