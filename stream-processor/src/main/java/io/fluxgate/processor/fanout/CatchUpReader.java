package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a bounded slice of one event-topic partition for a subscription that must catch up with the
 * events the fan-out has already routed past. One per stream task, used by its thread only.
 */
public interface CatchUpReader extends AutoCloseable {

  /**
   * Committed records of {@code partition} from {@code from} (inclusive) to {@code until}
   * (exclusive), in offset order, at most {@code maxRecords} of them and reading for at most about
   * {@code maxTime}. An offset before the log start reads from the log start.
   */
  Batch read(TopicPartition partition, long from, long until, int maxRecords, Duration maxTime);

  @Override
  void close();

  /**
   * The records read and the offset the next read starts from: past the last record returned, and
   * past offsets holding no record (transaction markers, aborted or compacted records).
   */
  record Batch(List<ConsumerRecord<byte[], byte[]>> records, long nextOffset) {
    public Batch {
      records = List.copyOf(records);
    }
  }

  /** Creates the reader of one task, lazily, from the Streams application's configuration. */
  @FunctionalInterface
  interface Factory {
    CatchUpReader create(Map<String, Object> appConfigs, String clientId);
  }
}
