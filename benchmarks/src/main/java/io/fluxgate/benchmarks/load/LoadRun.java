package io.fluxgate.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run: the gateway phase (with the end-to-end probe when asked), then the Kafka baseline with
 * the same events, connections, rate and timing. The phases run one after the other so they do not
 * compete for the machine.
 */
public final class LoadRun {
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private LoadRun() {}

  /** One run. */
  public static LoadReport execute(LoadSettings settings) throws Exception {
    return execute(settings, 1).get(0);
  }

  /**
   * {@code runs} runs, each the gateway phase then the baseline, so each has its own ratios. The
   * HTTP connections and the baseline producer stay open across runs and only the first run of each
   * warms up: later runs start measuring at once (JIT, connections and producer metadata are
   * already warm, and a warm-up per run would double the time for nothing).
   */
  public static List<LoadReport> execute(LoadSettings settings, int runs) throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1: " + runs);
    }
    String eventType =
        "loadgen.run" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    EventFactory events = new EventFactory(eventType, settings.eventBytes());
    List<LoadReport> reports = new ArrayList<>();
    try (HttpPublishTarget http =
            new HttpPublishTarget(settings.gateway(), settings.connections());
        KafkaPublishTarget kafka =
            settings.bootstrapServers() == null
                ? null
                : KafkaPublishTarget.create(
                    settings.bootstrapServers(),
                    settings.baselineTopic(),
                    settings.baselineProducer())) {
      for (int run = 0; run < runs; run++) {
        LoadSettings phase = run == 0 ? settings : settings.withWarmup(Duration.ZERO);
        reports.add(runOnce(phase, eventType, events, http, kafka));
      }
    }
    return reports;
  }

  /** One run; its report shows the warm-up it had. */
  private static LoadReport runOnce(
      LoadSettings phase,
      String eventType,
      EventFactory events,
      HttpPublishTarget http,
      KafkaPublishTarget kafka)
      throws Exception {
    PhaseResult gateway;
    SubscriberProbe.EndToEndResult endToEnd = null;
    SubscriberProbe probe =
        phase.subscriber() == LoadSettings.SubscriberMode.NONE
            ? null
            : SubscriberProbe.start(phase.gateway(), eventType, phase.subscriber());
    try {
      gateway =
          probe == null
              ? LoadPhase.run("gateway", http, phase, events)
              : LoadPhase.run("gateway", http, phase, events, probe);
    } catch (Exception | Error e) {
      if (probe != null) {
        probe.finish(0, Duration.ZERO);
      }
      throw e;
    }
    if (probe != null) {
      endToEnd = probe.finish(gateway.events(), DRAIN);
    }
    PhaseResult baseline = kafka == null ? null : LoadPhase.run("kafka", kafka, phase, events);
    return new LoadReport(phase, gateway, baseline, endToEnd);
  }
}
