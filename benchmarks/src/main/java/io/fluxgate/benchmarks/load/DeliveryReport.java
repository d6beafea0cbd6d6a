package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one delivery run: how many events were queued (and how long producing and routing
 * them took), then what the HTTP subscriber and the raw Kafka consumer each received and at what
 * rate, with the ratio HTTP/raw (below 1 is slower).
 */
public record DeliveryReport(
    DeliveryBenchmark.Settings settings,
    String eventType,
    long queued,
    double fillSeconds,
    DeliveryBenchmark.Drain http,
    DeliveryBenchmark.Drain raw)
    implements RunsReport.Run {

  private static final String ROW = "%-22s %14s %12s %10s%n";

  public String text() {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "Fluxgate delivery: one subscription (%s), %,d events queued in %.1f s, %d-byte events%n",
            eventType,
            queued,
            fillSeconds,
            settings.eventBytes()));
    text.append(String.format(Locale.ROOT, ROW, "", "events/s", "received", "seconds"));
    text.append(row("http " + modeName(), http));
    text.append(row("kafka consumer", raw));
    text.append(
        String.format(
            Locale.ROOT,
            ROW,
            "http / kafka",
            LoadReport.ratio(http.eventsPerSecond(), raw.eventsPerSecond()),
            "",
            ""));
    return text.toString();
  }

  private String modeName() {
    return settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String row(String name, DeliveryBenchmark.Drain drain) {
    return String.format(
        Locale.ROOT,
        ROW,
        name,
        String.format(Locale.ROOT, "%,.0f", drain.eventsPerSecond()),
        String.format(Locale.ROOT, "%,d", drain.received()),
        String.format(Locale.ROOT, "%.2f", drain.seconds()));
  }

  /** The headline figures for the summary over runs: fill time, both drain rates, their ratio. */
  @Override
  public Map<String, Double> figures() {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("fill_seconds", fillSeconds);
    figures.put("http_events_per_second", http.eventsPerSecond());
    figures.put("kafka_events_per_second", raw.eventsPerSecond());
    figures.put(
        "http_to_kafka", LoadReport.rawRatio(http.eventsPerSecond(), raw.eventsPerSecond()));
    return figures;
  }

  @Override
  public ObjectNode jsonNode() {
    ObjectNode root = new ObjectMapper().createObjectNode();
    ObjectNode run = root.putObject("settings");
    run.put("gateway", settings.gateway().toString());
    run.put("events", settings.events());
    run.put("mode", modeName());
    run.put("event_bytes", settings.eventBytes());
    run.put("event_type", eventType);
    root.put("queued", queued);
    root.put("fill_seconds", fillSeconds);
    drain(root.putObject("http"), http);
    drain(root.putObject("kafka"), raw);
    root.put("http_to_kafka", LoadReport.rawRatio(http.eventsPerSecond(), raw.eventsPerSecond()));
    return root;
  }

  private static void drain(ObjectNode node, DeliveryBenchmark.Drain drain) {
    node.put("received", drain.received());
    node.put("seconds", drain.seconds());
    node.put("events_per_second", drain.eventsPerSecond());
  }
}
