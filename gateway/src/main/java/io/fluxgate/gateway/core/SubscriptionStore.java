package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Subscriptions kept in the compacted {@link PlatformTopics#SUBSCRIPTIONS} topic, with an in-memory
 * view that a background reader keeps up to date, so that every gateway instance sees every
 * subscription without any other shared state.
 *
 * <p>Writes wait for acks=all and then update the local view, so a client reads its own writes on
 * the instance it wrote to; other instances see them within one poll.
 */
public final class SubscriptionStore implements SubscriptionRepository, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStore.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  // Keyed by id; a tombstone is kept as an entry without subscription so that a late read of an
  // older record cannot resurrect a subscription this instance has just deleted.
  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Producer<String, byte[]> producer;
  private Consumer<String, byte[]> consumer;
  private Thread reader;
  private volatile boolean running;
  private volatile long lastPollNanos = System.nanoTime();

  public SubscriptionStore(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
  }

  @Override
  public void start() throws InterruptedException {
    Map<String, Object> producerConfig = new java.util.HashMap<>(clientConfig);
    producerConfig.put("client.id", "fluxgate-subscription-store");
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("max.block.ms", "10000");
    producer =
        new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

    Map<String, Object> consumerConfig = new java.util.HashMap<>(clientConfig);
    consumerConfig.put("client.id", "fluxgate-subscription-reader");
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("fetch.max.wait.ms", "100");
    consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    Map<TopicPartition, Long> endAtStart;
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(PlatformTopics.SUBSCRIPTIONS, Duration.ofSeconds(30)).stream()
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
    reader = new Thread(() -> readLoop(endAtStart), "fluxgate-subscription-reader");
    reader.setDaemon(true);
    reader.start();
    if (!caughtUp.await(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read the subscriptions topic within 60 s");
    }
  }

  private void readLoop(Map<TopicPartition, Long> endAtStart) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(record.key(), record.value(), record.offset());
          }
          lastPollNanos = System.nanoTime();
          if (caughtUp.getCount() > 0 && reached(endAtStart)) {
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Keep the view alive: the health check reports a reader that has stopped advancing.
          LOG.error("Subscription reader failed; retrying in 1 s", e);
          Thread.sleep(1_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stop() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Whether the view is up to date: the reader polled successfully within the last 30 s. */
  public boolean isCurrent() {
    return running
        && caughtUp.getCount() == 0
        && System.nanoTime() - lastPollNanos < STALE_AFTER.toNanos();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void apply(String id, byte[] value, long offset) {
    if (id == null) {
      return;
    }
    Subscription subscription = null;
    if (value != null) {
      try {
        subscription = SubscriptionCodec.decode(value);
      } catch (IOException e) {
        LOG.warn("Skipping unreadable subscription record {}: {}", id, e.getMessage());
        return;
      }
    }
    remember(id, subscription, offset);
  }

  private void remember(String id, Subscription subscription, long offset) {
    view.merge(
        id,
        new Entry(subscription, offset),
        (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  private record Entry(Subscription subscription, long offset) {}

  /** Stores a subscription durably, then shows it in this instance's view. */
  @Override
  public void put(Subscription subscription) {
    long offset = write(subscription.id(), SubscriptionCodec.encode(subscription));
    remember(subscription.id(), subscription, offset);
  }

  /** Writes the tombstone of a subscription durably, then removes it from the view. */
  @Override
  public void delete(String id) {
    long offset = write(id, null);
    remember(id, null, offset);
  }

  private long write(String id, byte[] value) {
    try {
      return producer
          .send(new ProducerRecord<>(PlatformTopics.SUBSCRIPTIONS, id, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new UnavailableException("could not store subscription " + id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while storing subscription " + id, e);
    }
  }

  @Override
  public Optional<Subscription> get(String id) {
    Entry entry = view.get(id);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.subscription());
  }

  @Override
  public Collection<Subscription> all() {
    return view.values().stream()
        .map(Entry::subscription)
        .filter(java.util.Objects::nonNull)
        .sorted(java.util.Comparator.comparing(Subscription::createdAt))
        .toList();
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
