package io.fluxgate.benchmarks.load;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run: the gateway phase (with the end-to-end probe when asked), then the Kafka baseline with
 * the same events, connections, rate and timing. The phases run one after the other so they do not
 * compete for the machine.
 */
public final class LoadRun {
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private LoadRun() {}

  public static LoadReport execute(LoadSettings settings) throws Exception {
    String eventType =
        "loadgen.run" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    EventFactory events = new EventFactory(eventType, settings.eventBytes());

    PhaseResult gateway;
    SubscriberProbe.EndToEndResult endToEnd = null;
    SubscriberProbe probe =
        settings.subscriber() == LoadSettings.SubscriberMode.NONE
            ? null
            : SubscriberProbe.start(settings.gateway(), eventType, settings.subscriber());
    try (HttpPublishTarget http =
        new HttpPublishTarget(settings.gateway(), settings.connections())) {
      gateway =
          probe == null
              ? LoadPhase.run("gateway", http, settings, events)
              : LoadPhase.run("gateway", http, settings, events, probe);
    } catch (Exception | Error e) {
      if (probe != null) {
        probe.finish(0, Duration.ZERO);
      }
      throw e;
    }
    if (probe != null) {
      endToEnd = probe.finish(gateway.events(), DRAIN);
    }

    PhaseResult baseline = null;
    if (settings.bootstrapServers() != null) {
      try (KafkaPublishTarget kafka =
          KafkaPublishTarget.create(settings.bootstrapServers(), settings.baselineTopic())) {
        baseline = LoadPhase.run("kafka", kafka, settings, events);
      }
    }
    return new LoadReport(settings, gateway, baseline, endToEnd);
  }
}
