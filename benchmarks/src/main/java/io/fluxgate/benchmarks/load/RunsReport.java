package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several runs of one benchmark (its {@code --runs}): each run's own report, then a table with the
 * min / median / max ({@link RunStats}) of each headline figure over the runs. A figure a run could
 * not compute (a ratio to a zero baseline) is left out of that figure's statistics.
 */
public final class RunsReport {

  /** One run's report: its text, its JSON, and its headline figures by name, in display order. */
  public interface Run {
    String text();

    ObjectNode jsonNode();

    /** {@link #jsonNode()}, indented. */
    default String json() throws Exception {
      return new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(jsonNode());
    }

    /** Headline figures; a null value is a figure this run could not compute. */
    Map<String, Double> figures();
  }

  private static final String ROW = "%-38s %14s %14s %14s%n";

  private final List<? extends Run> runs;

  public RunsReport(List<? extends Run> runs) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs");
    }
    this.runs = List.copyOf(runs);
  }

  /** Each figure's statistics over the runs that have it, in the first run's order. */
  public Map<String, RunStats> summary() {
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (Run run : runs) {
      run.figures()
          .forEach(
              (name, value) -> {
                List<Double> list = values.computeIfAbsent(name, n -> new ArrayList<>());
                if (value != null && !value.isNaN()) {
                  list.add(value);
                }
              });
    }
    Map<String, RunStats> summary = new LinkedHashMap<>();
    values.forEach(
        (name, list) -> {
          if (!list.isEmpty()) {
            summary.put(name, RunStats.of(list));
          }
        });
    return summary;
  }

  /**
   * One run prints its report alone, as without {@code --runs}; more print each, then the table.
   */
  public String text() {
    if (runs.size() == 1) {
      return runs.get(0).text();
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      text.append(String.format(Locale.ROOT, "--- run %d of %d%n", i + 1, runs.size()));
      text.append(runs.get(i).text());
    }
    text.append(String.format(Locale.ROOT, "--- summary over %d runs%n", runs.size()));
    text.append(String.format(Locale.ROOT, ROW, "", "min", "median", "max"));
    summary()
        .forEach(
            (name, stats) ->
                text.append(
                    String.format(
                        Locale.ROOT,
                        ROW,
                        name,
                        number(stats.min()),
                        number(stats.median()),
                        number(stats.max()))));
    return text.toString();
  }

  /**
   * One run: its report's JSON as without {@code --runs}. More: {@code runs} (each run's report)
   * and {@code summary} (each figure's {@code min}, {@code median}, {@code max} and {@code runs}).
   */
  public String json() throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (runs.size() == 1) {
      return mapper.writeValueAsString(runs.get(0).jsonNode());
    }
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("runs");
    for (Run run : runs) {
      list.add(run.jsonNode());
    }
    ObjectNode summary = root.putObject("summary");
    summary()
        .forEach(
            (name, stats) -> {
              ObjectNode figure = summary.putObject(name);
              figure.put("runs", stats.runs());
              figure.put("min", stats.min());
              figure.put("median", stats.median());
              figure.put("max", stats.max());
            });
    return mapper.writeValueAsString(root);
  }

  /** Below 1,000 (ratios, milliseconds) with two decimals, above as whole numbers. */
  static String number(double value) {
    return Math.abs(value) < 1000
        ? String.format(Locale.ROOT, "%,.2f", value)
        : String.format(Locale.ROOT, "%,.0f", value);
  }
}
