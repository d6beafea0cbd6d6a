package io.fluxgate.core.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted platform topic as the platform's stores use it: a background thread reads it from the
 * beginning and hands every record to a handler, in order per partition, for as long as the gateway
 * runs; writes wait for acks=all and return the record's offset, so a store can show its own write
 * at once and let the later read of the same record confirm it.
 *
 * <pre>{@code
 * CompactedTopic topic = new CompactedTopic(clientConfig, "_fluxgate.replays", "replay", this::apply);
 * topic.start(true);                        // returns once everything already there was applied
 * long offset = topic.write(key, json);     // durable
 * }</pre>
 */
public final class CompactedTopic {
  private static final Logger LOG = LoggerFactory.getLogger(CompactedTopic.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  /** Takes one record; a {@code null} value is a tombstone. Called from the reader thread. */
  @FunctionalInterface
  public interface RecordHandler {
    void apply(String key, byte[] value, long offset);
  }

  /** A write that Kafka did not acknowledge in time. */
  public static final class WriteFailedException extends RuntimeException {
    public WriteFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<String, Object> clientConfig;
  private final String topic;
  private final String name;
  private final RecordHandler handler;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Producer<String, byte[]> producer;
  private Consumer<String, byte[]> consumer;
  private Thread reader;
  private volatile boolean running;
  private volatile long lastPollNanos = System.nanoTime();

  /**
   * @param name names the clients and the reader thread: {@code fluxgate-<name>-reader}
   */
  public CompactedTopic(
      Map<String, Object> clientConfig, String topic, String name, RecordHandler handler) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topic = topic;
    this.name = name;
    this.handler = handler;
  }

  /**
   * Starts reading (and, when {@code writable}, the producer), and returns once every record that
   * was in the topic has been handled.
   *
   * @throws IllegalStateException when that takes longer than a minute
   */
  public void start(boolean writable) throws InterruptedException {
    if (writable) {
      Map<String, Object> producerConfig = new HashMap<>(clientConfig);
      producerConfig.put("client.id", "fluxgate-" + name + "-store");
      producerConfig.put("acks", "all");
      producerConfig.put("enable.idempotence", "true");
      producerConfig.put("max.block.ms", "10000");
      producer =
          new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }
    Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove("group.id");
    consumerConfig.put("client.id", "fluxgate-" + name + "-reader");
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("fetch.max.wait.ms", "100");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    Map<TopicPartition, Long> endAtStart;
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      endAtStart = consumer.endOffsets(partitions);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      if (producer != null) {
        producer.close(Duration.ZERO);
      }
      throw e;
    }
    running = true;
    reader = new Thread(() -> readLoop(endAtStart), "fluxgate-" + name + "-reader");
    reader.setDaemon(true);
    reader.start();
    if (!caughtUp.await(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read the topic " + topic + " within 60 s");
    }
  }

  private void readLoop(Map<TopicPartition, Long> endAtStart) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            handler.apply(record.key(), record.value(), record.offset());
          }
          lastPollNanos = System.nanoTime();
          if (caughtUp.getCount() > 0 && reached(endAtStart)) {
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Keep the view alive: isCurrent() reports a reader that has stopped advancing.
          LOG.error("Reader of {} failed; retrying in 1 s", topic, e);
          Thread.sleep(1_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stop() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /**
   * Writes a record (a {@code null} value is a tombstone) and waits for acks=all.
   *
   * @return the record's offset
   * @throws WriteFailedException when Kafka does not acknowledge it within 30 s
   */
  public long write(String key, byte[] value) {
    try {
      return producer
          .send(new ProducerRecord<>(topic, key, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new WriteFailedException("could not write " + key + " to " + topic, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WriteFailedException("interrupted while writing " + key + " to " + topic, e);
    }
  }

  /** Whether the reader is up to date: it polled successfully within the last 30 s. */
  public boolean isCurrent() {
    return running
        && caughtUp.getCount() == 0
        && System.nanoTime() - lastPollNanos < STALE_AFTER.toNanos();
  }

  public void stop() throws InterruptedException {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (reader != null) {
      reader.join(10_000);
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
