package io.fluxgate.gateway.core.ack;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.topic.PlatformTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
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
 * The lease log {@code _fluxgate.acks} as one gateway instance sees it: a background thread reads
 * every partition from its start and applies each record to the {@link AckState} of its
 * subscription (the record key), with the broker's LogAppendTime as the clock; {@link #write}
 * appends a record and returns <em>its</em> outcome once this instance has applied it
 * (read-your-writes). Records of one subscription share a partition, so every instance applies them
 * in the same order and two instances never grant one offset to two clients.
 *
 * <pre>{@code
 * List<AckState.Granted> granted = log.write(subscriptionId, lease);  // durable and applied
 * boolean offered = log.read(subscriptionId, s -> s.isOffered(0, 42, now));
 * }</pre>
 */
public final class AckLog implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AckLog.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  /** Kafka did not take the record, or this instance did not read it back, in time. */
  public static final class UnavailableException extends RuntimeException {
    UnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Map<String, Object> clientConfig;
  private final Map<String, AckState> states = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile Producer<String, byte[]> producer;
  private Consumer<String, byte[]> consumer;
  private Thread reader;
  private volatile boolean running;

  public AckLog(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
  }

  /** A log that writes with {@code producer} and is never started: for tests of failures. */
  public AckLog(Producer<String, byte[]> producer) {
    this.clientConfig = Map.of();
    this.producer = producer;
  }

  @Override
  public void start() throws InterruptedException {
    Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put("client.id", "fluxgate-acks-writer");
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("linger.ms", "0");
    producerConfig.put("max.block.ms", "5000");
    producerConfig.put("delivery.timeout.ms", Long.toString(WRITE_TIMEOUT.toMillis()));
    producerConfig.put("request.timeout.ms", "5000");
    producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove("group.id");
    consumerConfig.put("client.id", "fluxgate-acks-reader");
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("fetch.max.wait.ms", "20");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(PlatformTopics.ACKS, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
    running = true;
    reader = new Thread(() -> readLoop(endAtStart), "fluxgate-acks-reader");
    reader.setDaemon(true);
    reader.start();
    if (!caughtUp.await(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read " + PlatformTopics.ACKS + " within 60 s");
    }
  }

  private void readLoop(Map<TopicPartition, Long> endAtStart) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(record.key(), record.value(), record.timestamp());
          }
          if (caughtUp.getCount() > 0
              && endAtStart.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.error("Reader of {} failed; retrying in 1 s", PlatformTopics.ACKS, e);
          Thread.sleep(1_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stop() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Applies one record; package-private so tests can feed records without a broker. */
  void apply(String subscriptionId, byte[] value, long timestamp) {
    AckCommand command;
    try {
      command = AckCommandCodec.decode(value);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "Skipping a malformed record of {} for {}: {}",
          PlatformTopics.ACKS,
          subscriptionId,
          e.getMessage());
      return;
    }
    AckState state = states.computeIfAbsent(subscriptionId, id -> new AckState());
    Object outcome;
    synchronized (state) {
      outcome = state.apply(command, timestamp);
    }
    CompletableFuture<Object> waiting = pending.remove(command.requestId());
    if (waiting != null) {
      waiting.complete(outcome);
    }
  }

  /**
   * Appends {@code command} for the subscription and returns its outcome as this instance applied
   * it: a {@code List<AckState.Granted>} for a lease, an {@link AckState.Answer} otherwise.
   *
   * @throws UnavailableException when Kafka does not take it, or it is not read back, within 10 s
   */
  @SuppressWarnings("unchecked")
  public <T> T write(String subscriptionId, AckCommand command) {
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    pending.put(command.requestId(), outcome);
    long deadline = System.nanoTime() + WRITE_TIMEOUT.toNanos();
    try {
      producer
          .send(
              new ProducerRecord<>(
                  PlatformTopics.ACKS, subscriptionId, AckCommandCodec.encode(command)))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return (T) outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new UnavailableException("could not write to " + PlatformTopics.ACKS, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted writing to " + PlatformTopics.ACKS, e);
    } finally {
      pending.remove(command.requestId());
    }
  }

  /** Reads the subscription's state under its monitor. */
  public <R> R read(String subscriptionId, Function<AckState, R> reading) {
    AckState state = states.computeIfAbsent(subscriptionId, id -> new AckState());
    synchronized (state) {
      return reading.apply(state);
    }
  }

  /** Drops the state of a deleted subscription. */
  public void forget(String subscriptionId) {
    states.remove(subscriptionId);
  }

  @Override
  public void stop() throws InterruptedException {
    running = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (reader != null) {
      reader.join(10_000);
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
