package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a bounded slice of one event-topic partition for a subscription that must catch up with the
 * events the fan-out has already routed past. One per stream task, used by its thread only.
 */
public interface CatchUpReader extends AutoCloseable {

  /**
   * Committed records of {@code partition} from {@code from} (inclusive) to {@code until}
   * (exclusive), in offset order, at most {@code maxRecords} of them and reading for at most about
   * {@code maxTime}. An offset before the log start reads from the log start. A read that reaches
   * the last stable offset before {@code until} returns what it has rather than wait for more.
   */
  Batch read(TopicPartition partition, long from, long until, int maxRecords, Duration maxTime);

  /**
   * As {@link #read(TopicPartition, long, long, int, Duration)}, holding at most {@code maxBytes}
   * of records ({@link #sizeInBytes}), but always at least one record when one is readable.
   *
   * <p>This default trims a full read, which suits readers that hold the records in memory anyway;
   * a reader from a broker overrides it so that it never holds more than the bound.
   */
  default Batch read(
      TopicPartition partition,
      long from,
      long until,
      int maxRecords,
      long maxBytes,
      Duration maxTime) {
    Batch batch = read(partition, from, until, maxRecords, maxTime);
    List<ConsumerRecord<byte[], byte[]>> records = batch.records();
    long bytes = 0;
    for (int i = 0; i < records.size(); i++) {
      bytes += sizeInBytes(records.get(i));
      if (i > 0 && bytes > maxBytes) {
        return new Batch(records.subList(0, i), records.get(i).offset());
      }
    }
    return batch;
  }

  @Override
  void close();

  /** What a record weighs in a step: its key, value and headers. */
  static long sizeInBytes(ConsumerRecord<byte[], byte[]> record) {
    long size = length(record.key()) + length(record.value());
    for (Header header : record.headers()) {
      size += header.key().length() + length(header.value());
    }
    return size;
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

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
