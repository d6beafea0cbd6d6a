package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one fan-out run over the measured window of {@code seconds}: records the raw
 * producer got acknowledged ({@code produced}, the ceiling), events the fan-out committed on the
 * events topic ({@code in}), copies it wrote to the subscription topics ({@code out}), and how far
 * the fan-out's commits trailed the events topic at the end ({@code lagAtEnd}). {@code
 * expectedMatches} is how many subscriptions an event matches on average by core's matcher; {@code
 * out / in} is what the fan-out actually did.
 */
public record FanOutReport(
    FanOutBenchmark.Settings settings,
    String prefix,
    double expectedMatches,
    double seconds,
    long produced,
    long in,
    long out,
    long lagAtEnd,
    long producerErrors,
    Drain drain)
    implements RunsReport.Run {

  /**
   * What the fan-out did after the producer stopped ({@code --drain}): from {@code lagAtStart}
   * events behind until its lag reached 0 ({@code drained}) or the drain timeout passed, over
   * {@code seconds}, with nothing else producing.
   */
  public record Drain(
      double seconds, long in, long out, long lagAtStart, long lagAtEnd, boolean drained) {
    public double inPerSecond() {
      return seconds > 0 ? in / seconds : 0;
    }

    public double outPerSecond() {
      return seconds > 0 ? out / seconds : 0;
    }
  }

  /** A run without a drain measurement. */
  public FanOutReport(
      FanOutBenchmark.Settings settings,
      String prefix,
      double expectedMatches,
      double seconds,
      long produced,
      long in,
      long out,
      long lagAtEnd,
      long producerErrors) {
    this(
        settings,
        prefix,
        expectedMatches,
        seconds,
        produced,
        in,
        out,
        lagAtEnd,
        producerErrors,
        null);
  }

  private static final String ROW = "%-24s %14s %10s%n";

  public double producedPerSecond() {
    return perSecond(produced);
  }

  public double inPerSecond() {
    return perSecond(in);
  }

  public double outPerSecond() {
    return perSecond(out);
  }

  /** Copies written per event taken in; compare with {@link #expectedMatches}. */
  public double matchesPerEvent() {
    return in == 0 ? 0 : (double) out / in;
  }

  private double perSecond(long count) {
    return seconds > 0 ? count / seconds : 0;
  }

  public String text() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Fluxgate fan-out: %d subscriptions of mixed patterns (%s.*), %d-byte events, %s;"
                + " warm-up %.1f s, measured %.1f s%n",
            settings.subscriptions(),
            prefix,
            settings.eventBytes(),
            settings.rate() > 0 ? settings.rate() + " events/s" : "flat out",
            settings.warmup().toMillis() / 1000.0,
            seconds));
    text.append(String.format(Locale.ROOT, ROW, "", "per second", "total"));
    text.append(row("kafka producer (events)", producedPerSecond(), produced));
    text.append(row("fan-out in (events)", inPerSecond(), in));
    text.append(row("fan-out out (records)", outPerSecond(), out));
    text.append(
        String.format(
            Locale.ROOT, ROW, "fan-out in / producer", LoadReport.ratio(in, produced), ""));
    text.append(
        String.format(
            Locale.ROOT,
            "matches per event: %.2f out/in (%.2f expected); fan-out lag at end: %,d events;"
                + " producer errors: %d%n",
            matchesPerEvent(),
            expectedMatches,
            lagAtEnd,
            producerErrors));
    if (drain != null) {
      text.append(row("drain in (events)", drain.inPerSecond(), drain.in()));
      text.append(row("drain out (records)", drain.outPerSecond(), drain.out()));
      text.append(
          String.format(
              Locale.ROOT,
              "drain: %.1f s with nothing producing, lag %,d -> %,d events%s%n",
              drain.seconds(),
              drain.lagAtStart(),
              drain.lagAtEnd(),
              drain.drained() ? "" : " (timed out)"));
    }
    return text.toString();
  }

  private static String row(String name, double perSecond, long total) {
    return String.format(
        Locale.ROOT,
        ROW,
        name,
        String.format(Locale.ROOT, "%,.0f", perSecond),
        String.format(Locale.ROOT, "%,d", total));
  }

  /**
   * The headline figures for the summary over runs: the rates of the measured window, in/producer,
   * copies per event, lag at the end, and the drain's rates when measured.
   */
  @Override
  public Map<String, Double> figures() {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("produced_per_second", producedPerSecond());
    figures.put("fan_out_in_per_second", inPerSecond());
    figures.put("fan_out_out_per_second", outPerSecond());
    figures.put("in_to_produced", LoadReport.rawRatio(in, produced));
    figures.put("matches_per_event", matchesPerEvent());
    figures.put("lag_at_end", (double) lagAtEnd);
    if (drain != null) {
      figures.put("drain_in_per_second", drain.inPerSecond());
      figures.put("drain_out_per_second", drain.outPerSecond());
      figures.put("drain_seconds", drain.seconds());
    }
    return figures;
  }

  @Override
  public ObjectNode jsonNode() {
    ObjectNode root = new ObjectMapper().createObjectNode();
    ObjectNode run = root.putObject("settings");
    run.put("gateway", settings.gateway().toString());
    run.put("subscriptions", settings.subscriptions());
    run.put("event_bytes", settings.eventBytes());
    run.put("rate", settings.rate());
    run.put("max_queue_size", settings.maxQueueSize());
    run.put("warmup_ms", settings.warmup().toMillis());
    run.put("duration_ms", settings.duration().toMillis());
    run.put("drain", settings.drain());
    run.put("drain_timeout_ms", settings.drainTimeout().toMillis());
    run.put("prefix", prefix);
    root.put("seconds", seconds);
    root.put("produced", produced);
    root.put("produced_per_second", producedPerSecond());
    root.put("fan_out_in", in);
    root.put("fan_out_in_per_second", inPerSecond());
    root.put("fan_out_out", out);
    root.put("fan_out_out_per_second", outPerSecond());
    root.put("in_to_produced", LoadReport.rawRatio(in, produced));
    root.put("matches_per_event", matchesPerEvent());
    root.put("expected_matches_per_event", expectedMatches);
    root.put("lag_at_end", lagAtEnd);
    root.put("producer_errors", producerErrors);
    if (drain != null) {
      ObjectNode d = root.putObject("drain");
      d.put("seconds", drain.seconds());
      d.put("fan_out_in", drain.in());
      d.put("fan_out_in_per_second", drain.inPerSecond());
      d.put("fan_out_out", drain.out());
      d.put("fan_out_out_per_second", drain.outPerSecond());
      d.put("lag_at_start", drain.lagAtStart());
      d.put("lag_at_end", drain.lagAtEnd());
      d.put("drained", drain.drained());
    }
    return root;
  }
}
