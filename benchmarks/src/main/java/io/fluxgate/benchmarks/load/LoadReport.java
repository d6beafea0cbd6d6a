package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one run as plain text or JSON. Every gateway figure is also shown as a ratio to
 * the Kafka producer's in the same run (throughput: gateway/kafka, below 1 is slower; latency:
 * gateway/kafka, above 1 is slower). {@code baseline} and {@code endToEnd} may be null.
 */
public record LoadReport(
    LoadSettings settings,
    PhaseResult gateway,
    PhaseResult baseline,
    SubscriberProbe.EndToEndResult endToEnd)
    implements RunsReport.Run {

  private static final String ROW = "%-22s %12s %12s %8s %9s %9s %9s %9s %9s%n";

  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Fluxgate load: %s, %d connection(s), %d-byte events, %s; warm-up %s, measured %s%n",
            settings.batched()
                ? "POST /v1/events/batch (batch " + settings.batch() + ")"
                : "POST /v1/events",
            settings.connections(),
            settings.eventBytes(),
            settings.rate() > 0 ? settings.rate() + " events/s (open loop)" : "flat out",
            seconds(settings.warmup().toMillis()),
            seconds(settings.duration().toMillis())));
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "",
            "events/s",
            "requests/s",
            "errors",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "p99.9 ms",
            "max ms"));
    row(out, "gateway", gateway);
    if (baseline != null) {
      row(out, "kafka producer", baseline);
      LatencySummary g = gateway.latency();
      LatencySummary k = baseline.latency();
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              "gateway / kafka",
              ratio(gateway.eventsPerSecond(), baseline.eventsPerSecond()),
              ratio(gateway.requestsPerSecond(), baseline.requestsPerSecond()),
              "",
              ratio(g.p50Micros(), k.p50Micros()),
              ratio(g.p90Micros(), k.p90Micros()),
              ratio(g.p99Micros(), k.p99Micros()),
              ratio(g.p999Micros(), k.p999Micros()),
              ratio(g.maxMicros(), k.maxMicros())));
    }
    if (endToEnd != null) {
      LatencySummary e = endToEnd.latency();
      String name =
          "end-to-end " + settings.subscriber().name().toLowerCase(Locale.ROOT).replace('_', '-');
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              name,
              "",
              "",
              "",
              millis(e.p50Micros()),
              millis(e.p90Micros()),
              millis(e.p99Micros()),
              millis(e.p999Micros()),
              millis(e.maxMicros())));
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s received %d of %d measured events%n",
              "",
              endToEnd.received(),
              endToEnd.expected()));
      if (baseline != null) {
        LatencySummary k = baseline.latency();
        out.append(
            String.format(
                Locale.ROOT,
                ROW,
                "end-to-end / kafka",
                "",
                "",
                "",
                ratio(e.p50Micros(), k.p50Micros()),
                ratio(e.p90Micros(), k.p90Micros()),
                ratio(e.p99Micros(), k.p99Micros()),
                ratio(e.p999Micros(), k.p999Micros()),
                ratio(e.maxMicros(), k.maxMicros())));
      }
    }
    return out.toString();
  }

  /**
   * The headline figures for the summary over runs: events/s, requests/s and p50/p99 latencies (ms)
   * of each phase, their gateway/kafka ratios, and the end-to-end latencies and ratios.
   */
  @Override
  public Map<String, Double> figures() {
    Map<String, Double> figures = new LinkedHashMap<>();
    phaseFigures(figures, "gateway", gateway);
    if (baseline != null) {
      phaseFigures(figures, "kafka", baseline);
      figures.put(
          "gateway_to_kafka_events_per_second",
          rawRatio(gateway.eventsPerSecond(), baseline.eventsPerSecond()));
      figures.put(
          "gateway_to_kafka_requests_per_second",
          rawRatio(gateway.requestsPerSecond(), baseline.requestsPerSecond()));
      figures.put(
          "gateway_to_kafka_p50",
          rawRatio(gateway.latency().p50Micros(), baseline.latency().p50Micros()));
      figures.put(
          "gateway_to_kafka_p99",
          rawRatio(gateway.latency().p99Micros(), baseline.latency().p99Micros()));
    }
    if (endToEnd != null) {
      LatencySummary e = endToEnd.latency();
      figures.put("end_to_end_p50_ms", e.p50Micros() / 1000.0);
      figures.put("end_to_end_p99_ms", e.p99Micros() / 1000.0);
      if (baseline != null) {
        figures.put(
            "end_to_end_to_kafka_p50", rawRatio(e.p50Micros(), baseline.latency().p50Micros()));
        figures.put(
            "end_to_end_to_kafka_p99", rawRatio(e.p99Micros(), baseline.latency().p99Micros()));
      }
    }
    return figures;
  }

  private static void phaseFigures(Map<String, Double> figures, String name, PhaseResult r) {
    figures.put(name + "_events_per_second", r.eventsPerSecond());
    figures.put(name + "_requests_per_second", r.requestsPerSecond());
    figures.put(name + "_p50_ms", r.latency().p50Micros() / 1000.0);
    figures.put(name + "_p99_ms", r.latency().p99Micros() / 1000.0);
  }

  @Override
  public ObjectNode jsonNode() {
    ObjectNode root = new ObjectMapper().createObjectNode();
    ObjectNode run = root.putObject("settings");
    run.put("gateway", settings.gateway().toString());
    run.put("connections", settings.connections());
    run.put("batch", settings.batch());
    run.put("event_bytes", settings.eventBytes());
    run.put("rate", settings.rate());
    run.put("warmup_ms", settings.warmup().toMillis());
    run.put("duration_ms", settings.duration().toMillis());
    run.put("subscriber", settings.subscriber().name().toLowerCase(Locale.ROOT));
    phase(root.putObject("gateway"), gateway);
    if (baseline != null) {
      phase(root.putObject("kafka"), baseline);
      ObjectNode ratios = root.putObject("gateway_to_kafka");
      ratios.put(
          "events_per_second", rawRatio(gateway.eventsPerSecond(), baseline.eventsPerSecond()));
      latencyRatios(ratios, gateway.latency(), baseline.latency());
    }
    if (endToEnd != null) {
      ObjectNode e = root.putObject("end_to_end");
      e.put("expected", endToEnd.expected());
      e.put("received", endToEnd.received());
      latency(e, endToEnd.latency());
      if (baseline != null) {
        latencyRatios(
            root.putObject("end_to_end_to_kafka"), endToEnd.latency(), baseline.latency());
      }
    }
    return root;
  }

  private static void phase(ObjectNode node, PhaseResult result) {
    node.put("requests", result.requests());
    node.put("events", result.events());
    node.put("errors", result.errors());
    node.put("seconds", result.seconds());
    node.put("events_per_second", result.eventsPerSecond());
    node.put("requests_per_second", result.requestsPerSecond());
    latency(node, result.latency());
  }

  private static void latency(ObjectNode node, LatencySummary l) {
    ObjectNode micros = node.putObject("latency_micros");
    micros.put("p50", l.p50Micros());
    micros.put("p90", l.p90Micros());
    micros.put("p99", l.p99Micros());
    micros.put("p99_9", l.p999Micros());
    micros.put("max", l.maxMicros());
  }

  private static void latencyRatios(ObjectNode node, LatencySummary a, LatencySummary b) {
    node.put("p50", rawRatio(a.p50Micros(), b.p50Micros()));
    node.put("p90", rawRatio(a.p90Micros(), b.p90Micros()));
    node.put("p99", rawRatio(a.p99Micros(), b.p99Micros()));
    node.put("p99_9", rawRatio(a.p999Micros(), b.p999Micros()));
    node.put("max", rawRatio(a.maxMicros(), b.maxMicros()));
  }

  private static void row(StringBuilder out, String name, PhaseResult r) {
    LatencySummary l = r.latency();
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            name,
            String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()),
            String.format(Locale.ROOT, "%,.1f", r.requestsPerSecond()),
            Long.toString(r.errors()),
            millis(l.p50Micros()),
            millis(l.p90Micros()),
            millis(l.p99Micros()),
            millis(l.p999Micros()),
            millis(l.maxMicros())));
  }

  /** {@code a/b} as "0.42x", or "-" when the baseline is zero. */
  static String ratio(double a, double b) {
    return b == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", a / b);
  }

  static Double rawRatio(double a, double b) {
    return b == 0 ? null : a / b;
  }

  static String millis(long micros) {
    return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
