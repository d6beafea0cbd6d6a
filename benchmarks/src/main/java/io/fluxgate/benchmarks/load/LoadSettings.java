package io.fluxgate.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One load run: where to send, how much, for how long. {@code rate} 0 means flat out (closed loop);
 * otherwise the run is open-loop at {@code rate} events per second over all connections. {@code
 * bootstrapServers} null skips the Kafka baseline; {@code subscriber} NONE skips the end-to-end
 * latency.
 */
public record LoadSettings(
    URI gateway,
    int connections,
    int batch,
    int eventBytes,
    long rate,
    Duration warmup,
    Duration duration,
    SubscriberMode subscriber,
    String bootstrapServers,
    String baselineTopic,
    BaselineProducer baselineProducer) {

  /** The baseline producer's tuning; both are {@code acks=all} and idempotent. */
  public enum BaselineProducer {
    /** The gateway publisher's batching ({@code linger.ms} 2, {@code batch.size} 256 KiB). */
    GATEWAY,
    /** Kafka's defaults ({@code linger.ms} 5, {@code batch.size} 16 KiB). */
    KAFKA_DEFAULTS
  }

  /** How the end-to-end probe receives the events it published. */
  public enum SubscriberMode {
    NONE,
    LONG_POLL,
    SSE
  }

  public LoadSettings {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(baselineTopic, "baselineTopic");
    Objects.requireNonNull(baselineProducer, "baselineProducer");
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1: " + connections);
    }
    if (batch < 1 || batch > 10_000) {
      throw new IllegalArgumentException("batch must be 1..10000: " + batch);
    }
    if (eventBytes < 1) {
      throw new IllegalArgumentException("eventBytes must be positive: " + eventBytes);
    }
    if (rate < 0) {
      throw new IllegalArgumentException("rate must be 0 (flat out) or positive: " + rate);
    }
    if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
      throw new IllegalArgumentException("duration must be positive and warmup not negative");
    }
  }

  /** Events per request: 1 for {@code POST /v1/events}, the batch size otherwise. */
  public boolean batched() {
    return batch > 1;
  }

  /** The same run with another warm-up (later runs of {@code --runs} have none). */
  public LoadSettings withWarmup(Duration newWarmup) {
    return new LoadSettings(
        gateway,
        connections,
        batch,
        eventBytes,
        rate,
        newWarmup,
        duration,
        subscriber,
        bootstrapServers,
        baselineTopic,
        baselineProducer);
  }
}
