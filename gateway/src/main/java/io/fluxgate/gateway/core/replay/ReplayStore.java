package io.fluxgate.gateway.core.replay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.gateway.core.SubscriptionRepository.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * Replay jobs kept as JSON in the compacted {@link PlatformTopics#REPLAYS} topic, with an in-memory
 * view that a background reader keeps up to date (like the subscription store), so that every
 * gateway instance answers the same about every replay. Writes wait for acks=all, then update the
 * local view; other instances see them within one poll.
 */
public final class ReplayStore implements ReplayRepository, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayStore.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Map<String, Object> clientConfig;
  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Producer<String, byte[]> producer;
  private Consumer<String, byte[]> consumer;
  private Thread reader;
  private volatile boolean running;

  public ReplayStore(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
  }

  @Override
  public void start() throws InterruptedException {
    Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put("client.id", "fluxgate-replay-store");
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("max.block.ms", "10000");
    producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove("group.id");
    consumerConfig.put("client.id", "fluxgate-replay-reader");
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("fetch.max.wait.ms", "100");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    Map<TopicPartition, Long> endAtStart;
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(PlatformTopics.REPLAYS, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      endAtStart = consumer.endOffsets(partitions);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      producer.close(Duration.ZERO);
      throw e;
    }
    running = true;
    reader = new Thread(() -> readLoop(endAtStart), "fluxgate-replay-reader");
    reader.setDaemon(true);
    reader.start();
    if (!caughtUp.await(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read the replays topic within 60 s");
    }
  }

  private void readLoop(Map<TopicPartition, Long> endAtStart) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(record.key(), record.value(), record.offset());
          }
          if (caughtUp.getCount() > 0
              && endAtStart.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.error("Replay reader failed; retrying in 1 s", e);
          Thread.sleep(1_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stop() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void apply(String id, byte[] value, long offset) {
    if (id == null || value == null) {
      return;
    }
    try {
      remember(MAPPER.readValue(value, ReplayJob.class), offset);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable replay record {}: {}", id, e.getMessage());
    }
  }

  private void remember(ReplayJob job, long offset) {
    if (job.state() == ReplayJob.State.CANCELLED) {
      cancelled.add(job.replayId());
    }
    view.merge(
        job.replayId(),
        new Entry(job, offset),
        (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  private record Entry(ReplayJob job, long offset) {}

  @Override
  public void put(ReplayJob job) {
    byte[] value;
    try {
      value = MAPPER.writeValueAsBytes(job);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      long offset =
          producer
              .send(new ProducerRecord<>(PlatformTopics.REPLAYS, job.replayId(), value))
              .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .offset();
      remember(job, offset);
    } catch (ExecutionException | TimeoutException e) {
      throw new UnavailableException("could not store replay " + job.replayId(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while storing replay " + job.replayId(), e);
    }
  }

  @Override
  public Optional<ReplayJob> get(String replayId) {
    Entry entry = view.get(replayId);
    return entry == null ? Optional.empty() : Optional.of(entry.job());
  }

  @Override
  public boolean cancelRequested(String replayId) {
    return cancelled.contains(replayId);
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
      producer.close(Duration.ofSeconds(10));
    }
  }
}
