package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.Objects;

/**
 * How the fan-out catches a subscription up: the reader, where each task's live path resumes, and
 * how much one step may read so that the stream thread keeps polling well within {@code
 * max.poll.interval.ms} and its heap stays bounded.
 *
 * @param readerFactory creates each task's reader
 * @param committedOffsetsFactory tells each task where its live path resumes after a (re)start
 * @param maxRecordsPerStep records one catch-up step reads at most, per partition
 * @param maxBytesPerStep bytes of keys, values and headers one catch-up step holds at most, per
 *     partition, except that a step always holds at least one record
 * @param maxStepTime time one catch-up step reads for at most, per partition
 * @param punctuationInterval wall-clock period of the steps that run without new records
 * @param fairShare whether steps take turns with the live path for the stream thread's time ({@link
 *     CatchUpShare}); off in the configurations for tests without a broker, whose steps must run
 *     exactly when a record or a punctuation asks
 */
public record CatchUpConfig(
    CatchUpReader.Factory readerFactory,
    CommittedOffsets.Factory committedOffsetsFactory,
    int maxRecordsPerStep,
    long maxBytesPerStep,
    Duration maxStepTime,
    Duration punctuationInterval,
    boolean fairShare) {

  public static final int DEFAULT_MAX_RECORDS_PER_STEP = 5_000;
  public static final long DEFAULT_MAX_BYTES_PER_STEP = 16L * 1024 * 1024;
  public static final Duration DEFAULT_MAX_STEP_TIME = Duration.ofMillis(200);
  public static final Duration DEFAULT_PUNCTUATION_INTERVAL = Duration.ofMillis(100);

  public CatchUpConfig {
    Objects.requireNonNull(readerFactory, "readerFactory");
    Objects.requireNonNull(committedOffsetsFactory, "committedOffsetsFactory");
    Objects.requireNonNull(maxStepTime, "maxStepTime");
    Objects.requireNonNull(punctuationInterval, "punctuationInterval");
    if (maxRecordsPerStep < 1) {
      throw new IllegalArgumentException("maxRecordsPerStep must be positive");
    }
    if (maxBytesPerStep < 1) {
      throw new IllegalArgumentException("maxBytesPerStep must be positive");
    }
  }

  /**
   * Another reader with the default byte bound and no committed offsets: a partition that gets no
   * record after the task started catches up only once it does (tests without a broker).
   */
  public CatchUpConfig(
      CatchUpReader.Factory readerFactory,
      int maxRecordsPerStep,
      Duration maxStepTime,
      Duration punctuationInterval) {
    this(
        readerFactory,
        CommittedOffsets.NONE,
        maxRecordsPerStep,
        DEFAULT_MAX_BYTES_PER_STEP,
        maxStepTime,
        punctuationInterval);
  }

  /**
   * Reads with a Kafka consumer and asks the broker for committed offsets, in default steps that
   * take turns with the live path.
   */
  public static CatchUpConfig defaults() {
    return new CatchUpConfig(
        KafkaCatchUpReader::new,
        KafkaCommittedOffsets::new,
        DEFAULT_MAX_RECORDS_PER_STEP,
        DEFAULT_MAX_BYTES_PER_STEP,
        DEFAULT_MAX_STEP_TIME,
        DEFAULT_PUNCTUATION_INTERVAL,
        true);
  }

  /** Without the fair share: every step runs when asked (tests without a broker). */
  public CatchUpConfig(
      CatchUpReader.Factory readerFactory,
      CommittedOffsets.Factory committedOffsetsFactory,
      int maxRecordsPerStep,
      long maxBytesPerStep,
      Duration maxStepTime,
      Duration punctuationInterval) {
    this(
        readerFactory,
        committedOffsetsFactory,
        maxRecordsPerStep,
        maxBytesPerStep,
        maxStepTime,
        punctuationInterval,
        false);
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
