package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fan-out catches a subscription up: the reader, and how much one step may read so that the
 * stream thread keeps polling well within {@code max.poll.interval.ms}.
 *
 * @param readerFactory creates each task's reader
 * @param maxRecordsPerStep records one catch-up step reads at most, per partition
 * @param maxStepTime time one catch-up step reads for at most, per partition
 * @param punctuationInterval wall-clock period of the steps that run without new records
 */
public record CatchUpConfig(
    CatchUpReader.Factory readerFactory,
    int maxRecordsPerStep,
    Duration maxStepTime,
    Duration punctuationInterval) {

  public static final int DEFAULT_MAX_RECORDS_PER_STEP = 5_000;
  public static final Duration DEFAULT_MAX_STEP_TIME = Duration.ofMillis(200);
  public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(100);

  public CatchUpConfig {
    Objects.requireNonNull(readerFactory, "readerFactory");
    Objects.requireNonNull(maxStepTime, "maxStepTime");
    Objects.requireNonNull(punctuationInterval, "punctuationInterval");
    if (maxRecordsPerStep < 1) {
      throw new IllegalArgumentException("maxRecordsPerStep must be positive");
    }
  }

  /** Reads with a Kafka consumer, in the default step sizes. */
  public static CatchUpConfig defaults() {
    return withReader(KafkaCatchUpReader::new);
  }

  /** The default step sizes with another reader (tests serve records without a broker). */
  public static CatchUpConfig withReader(CatchUpReader.Factory readerFactory) {
    return new CatchUpConfig(
        readerFactory,
        DEFAULT_MAX_RECORDS_PER_STEP,
        DEFAULT_MAX_STEP_TIME,
        DEFAULT_PUNCTUATION_INTERVAL);
  }
}
