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
   * HTTP connections, the baseline producer and the end-to-end probe's subscription stay open
   * across runs and only the first run warms up: later runs start measuring at once (JIT,
   * connections, producer metadata and the subscription are already warm, and a warm-up per run
   * would double the time for nothing). A subscription created for each run measured its first
   * seconds cold (its catch-up, its topic's first copies, its first polls): up to about 100 ms,
   * which alone set a run's p99.
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
                    settings.baselineProducer());
        SubscriberProbe probe =
            settings.subscriber() == LoadSettings.SubscriberMode.NONE
                ? null
                : SubscriberProbe.start(settings.gateway(), eventType, settings.subscriber())) {
      for (int run = 0; run < runs; run++) {
        LoadSettings phase = run == 0 ? settings : settings.withWarmup(Duration.ZERO);
        reports.add(runOnce(phase, events, http, kafka, probe));
      }
    }
    return reports;
  }

  /** One run; its report shows the warm-up it had. */
  private static LoadReport runOnce(
      LoadSettings phase,
      EventFactory events,
      HttpPublishTarget http,
      KafkaPublishTarget kafka,
      SubscriberProbe probe)
      throws Exception {
    PhaseResult gateway =
        probe == null
            ? LoadPhase.run("gateway", http, phase, events)
            : LoadPhase.run("gateway", http, phase, events, probe);
    SubscriberProbe.EndToEndResult endToEnd =
        probe == null ? null : probe.collect(gateway.events(), DRAIN);
    PhaseResult baseline = kafka == null ? null : LoadPhase.run("kafka", kafka, phase, events);
    return new LoadReport(phase, gateway, baseline, endToEnd);
  }
}
