package io.fluxgate.processor.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * A {@link CatchUpReader} over a plain consumer that is assigned partitions and seeks: it joins no
 * group and commits nothing, so the task's input offsets stay owned by Kafka Streams, and it reads
 * committed records only, so under exactly-once no aborted event is ever copied.
 */
final class KafkaCatchUpReader implements CatchUpReader {
  private static final String READ_COMMITTED = "read_committed";
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Set<String> GROUP_SETTINGS =
      Set.of(
          ConsumerConfig.GROUP_ID_CONFIG,
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
          ConsumerConfig.GROUP_PROTOCOL_CONFIG,
          ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

  private final Consumer<byte[], byte[]> consumer;
  private TopicPartition assigned;
  private long consumerPosition = -1;

  KafkaCatchUpReader(Map<String, Object> appConfigs, String clientId) {
    this(new KafkaConsumer<>(consumerConfig(appConfigs, clientId)));
  }

  KafkaCatchUpReader(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * Kafka Streams' own restore-consumer settings (connection, security, {@code consumer.} and
   * {@code restore.consumer.} overrides, no group), with the rules the reader needs on top.
   */
  static Map<String, Object> consumerConfig(Map<String, Object> appConfigs, String clientId) {
    Map<String, Object> config =
        new HashMap<>(new StreamsConfig(appConfigs).getRestoreConsumerConfigs(clientId));
    config.keySet().removeAll(GROUP_SETTINGS);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED);
    // A cursor before the log start (earliest, or events deleted by retention) reads from there.
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return config;
  }

  @Override
  public Batch read(
      TopicPartition partition, long from, long until, int maxRecords, Duration maxTime) {
    return read(partition, from, until, maxRecords, Long.MAX_VALUE, maxTime);
  }

  @Override
  public Batch read(
      TopicPartition partition,
      long from,
      long until,
      int maxRecords,
      long maxBytes,
      Duration maxTime) {
    position(partition, from);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long bytes = 0;
    long next = from;
    long deadline = System.nanoTime() + maxTime.toNanos();
    while (next < until) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      // At the last stable offset a poll only waits: look at what has arrived, without waiting.
      Duration wait = atReadableEnd(partition) ? Duration.ZERO : Duration.ofNanos(remaining);
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait).records(partition)) {
        long size = CatchUpReader.sizeInBytes(record);
        boolean full =
            records.size() >= maxRecords || (!records.isEmpty() && bytes + size > maxBytes);
        if (record.offset() >= until || full) {
          // Records past the step are dropped; the next read seeks back to them.
          next = full ? record.offset() : until;
          consumer.seek(partition, next);
          consumerPosition = next;
          return new Batch(records, next);
        }
        records.add(record);
        bytes += size;
        next = record.offset() + 1;
      }
      // The position also moves past markers and aborted records, and up to the log start.
      consumerPosition = consumer.position(partition);
      next = Math.max(next, Math.min(until, consumerPosition));
      if (records.size() >= maxRecords || bytes >= maxBytes || atReadableEnd(partition)) {
        break;
      }
    }
    return new Batch(records, next);
  }

  /**
   * Whether the last fetch found nothing readable past the position: an open transaction holds the
   * last stable offset there (or the log ends there) until it is resolved.
   */
  private boolean atReadableEnd(TopicPartition partition) {
    OptionalLong lag = consumer.currentLag(partition);
    return lag.isPresent() && lag.getAsLong() <= 0;
  }

  private void position(TopicPartition partition, long from) {
    if (!partition.equals(assigned)) {
      consumer.assign(List.of(partition));
      assigned = partition;
      consumer.seek(partition, from);
    } else if (consumerPosition != from) {
      consumer.seek(partition, from);
    }
    consumerPosition = from;
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
  }
}
