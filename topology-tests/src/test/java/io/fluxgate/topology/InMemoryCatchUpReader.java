package io.fluxgate.topology;

import io.fluxgate.processor.fanout.CatchUpReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Serves catch-up reads from the records a test piped, since a {@code TopologyTestDriver} has no
 * broker to read from. Offsets are the positions in each partition's log, as the driver numbers
 * them.
 */
final class InMemoryCatchUpReader implements CatchUpReader {
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
  private final List<Integer> batchSizes = new ArrayList<>();
  private boolean closed;

  void append(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    logs.computeIfAbsent(partition, p -> new ArrayList<>()).add(record);
  }

  long endOffset(TopicPartition partition) {
    return logs.getOrDefault(partition, List.of()).size();
  }

  /** The number of records each read returned, in order. */
  List<Integer> batchSizes() {
    return batchSizes;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public Batch read(
      TopicPartition partition, long from, long until, int maxRecords, Duration maxTime) {
    List<ConsumerRecord<byte[], byte[]>> log = logs.getOrDefault(partition, List.of());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long next = from;
    for (long offset = from; offset < Math.min(until, log.size()); offset++) {
      if (records.size() == maxRecords) {
        break;
      }
      records.add(log.get((int) offset));
      next = offset + 1;
    }
    if (records.size() < maxRecords) {
      next = until;
    }
    batchSizes.add(records.size());
    return new Batch(records, next);
  }

  @Override
  public void close() {
    closed = true;
  }
}
