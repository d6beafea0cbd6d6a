package io.fluxgate.benchmarks;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterOutcome;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Subscription filters as the fan-out runs them: {@link #variables} builds an event's CEL variables
 * (once per event that a filtered subscription matches), {@link #evaluate} runs one compiled filter
 * on them (once per filtered subscription the event matches). The event is the 300-byte generic
 * sample; {@code filter} picks the expression: a source field, or data and metadata fields joined.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterBenchmark {
  static final Map<String, String> EXPRESSIONS =
      Map.of(
          "source", "source.component == \"warehouse\"",
          "dataAndMetadata",
              "data.qty >= 2 && data.sku.startsWith(\"SKU-\") && metadata.env == \"prod\"");

  @Param({"source", "dataAndMetadata"})
  public String filter;

  private UniversalEvent event;
  private Map<String, Object> variables;
  private EventFilter compiled;

  @Setup
  public void start() {
    event =
        new EventJson(EventLimits.defaults(), Clock.systemUTC())
            .parseEvent(SampleEvents.GENERIC_JSON);
    variables = FilterVariables.of(event);
    compiled = EventFilterCompiler.compile(EXPRESSIONS.get(filter));
  }

  /** The CEL variables of a decoded event. */
  @Benchmark
  public Map<String, Object> variables() {
    return FilterVariables.of(event);
  }

  /** One compiled filter on an event's variables; the sample event matches both filters. */
  @Benchmark
  public FilterOutcome evaluate() {
    return compiled.evaluate(variables);
  }
}
