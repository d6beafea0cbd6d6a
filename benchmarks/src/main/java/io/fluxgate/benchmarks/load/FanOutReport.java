package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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
    Drain drain,
    Ceiling ceiling)
    implements RunsReport.Run {

  /**
   * The fan-out's ceiling ({@code --ceiling}): {@code producers} raw producers batching like the
   * fan-out wrote the same copies to the same subscription topics, {@code records} acknowledged
   * over {@code seconds}. Divided by {@code copiesPerEvent}, it is the most events per second the
   * fan-out could take in if reading and routing cost nothing.
   */
  public record Ceiling(
      double seconds, long records, double copiesPerEvent, long errors, int producers) {
    public double recordsPerSecond() {
      return seconds > 0 ? records / seconds : 0;
    }

    public double eventsPerSecond() {
      return copiesPerEvent > 0 ? recordsPerSecond() / copiesPerEvent : 0;
    }
  }

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
        null,
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
    if (ceiling != null) {
      text.append(row("ceiling (records)", ceiling.recordsPerSecond(), ceiling.records()));
      text.append(
          String.format(
              Locale.ROOT,
              "ceiling: %s (%s, acks=all) writing the same %.2f copies per"
                  + " event to the subscription topics = %,.0f events/s in; errors: %d%n",
              ceiling.producers() == 1 ? "a raw producer" : ceiling.producers() + " raw producers",
              tuningText(),
              ceiling.copiesPerEvent(),
              ceiling.eventsPerSecond(),
              ceiling.errors()));
      if (drain != null) {
        text.append(
            String.format(
                Locale.ROOT,
                ROW,
                "drain in / ceiling",
                LoadReport.ratio(drain.inPerSecond(), ceiling.eventsPerSecond()),
                ""));
      }
    }
    return text.toString();
  }

  /** The ceiling producers' tuning as the report prints it: {@code linger.ms 10, ...}. */
  private static String tuningText() {
    return FanOutBenchmark.CEILING_TUNING.entrySet().stream()
        .map(setting -> setting.getKey() + " " + setting.getValue())
        .collect(Collectors.joining(", "));
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
    if (ceiling != null) {
      figures.put("ceiling_out_per_second", ceiling.recordsPerSecond());
      figures.put("ceiling_in_per_second", ceiling.eventsPerSecond());
      if (drain != null) {
        figures.put(
            "drain_in_to_ceiling",
            LoadReport.rawRatio(drain.inPerSecond(), ceiling.eventsPerSecond()));
      }
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
    run.put("ceiling_ms", settings.ceiling().toMillis());
    run.put("ceiling_producers", settings.ceilingProducers());
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
    if (ceiling != null) {
      ObjectNode c = root.putObject("ceiling");
      c.put("seconds", ceiling.seconds());
      c.put("records", ceiling.records());
      c.put("records_per_second", ceiling.recordsPerSecond());
      c.put("copies_per_event", ceiling.copiesPerEvent());
      c.put("events_in_per_second", ceiling.eventsPerSecond());
      c.put("errors", ceiling.errors());
      c.put("producers", ceiling.producers());
    }
    return root;
  }
}
