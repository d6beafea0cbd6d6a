package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.flow.FlowCounterRecords;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flow-control totals read from {@link PlatformTopics#FLOW_COUNTERS}: a background reader follows
 * the compacted topic and keeps every writer's latest total, and a subscription's count is the sum
 * over its writers. Every instance follows the same topic, so all report the same totals within one
 * poll of each other.
 */
public final class KafkaFlowControlCounters implements FlowControlCounters, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaFlowControlCounters.class);
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  // subscription id -> writer key -> that writer's latest total
  private final Map<String, Map<String, FlowCounts>> totals = new ConcurrentHashMap<>();
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private Consumer<String, byte[]> consumer;
  private Thread reader;
  private volatile boolean running;
  private volatile long lastPollNanos = System.nanoTime();

  public KafkaFlowControlCounters(Map<String, Object> clientConfig) {
    this.clientConfig = Map.copyOf(clientConfig);
  }

  @Override
  public FlowCounts read(String subscriptionId) {
    if (!isCurrent()) {
      throw new SubscriptionStatsReader.UnavailableException(
          "the flow-control counts are not being read", null);
    }
    return sum(subscriptionId);
  }

  FlowCounts sum(String subscriptionId) {
    return totals.getOrDefault(subscriptionId, Map.of()).values().stream()
        .reduce(FlowCounts.ZERO, FlowCounts::plus);
  }

  /** Takes one record of the topic: a writer's new total, or a tombstone that removes it. */
  void apply(String key, byte[] value) {
    Optional<String> subscription = FlowCounterRecords.subscriptionOf(key);
    if (subscription.isEmpty()) {
      return;
    }
    if (value == null) {
      totals.computeIfPresent(
          subscription.get(),
          (id, writers) -> {
            writers.remove(key);
            return writers.isEmpty() ? null : writers;
          });
      return;
    }
    try {
      FlowCounts counts = FlowCounterRecords.decode(value);
      totals.computeIfAbsent(subscription.get(), id -> new ConcurrentHashMap<>()).put(key, counts);
    } catch (IOException e) {
      LOG.warn("Skipping unreadable flow counts {}: {}", key, e.getMessage());
    }
  }

  @Override
  public void start() throws InterruptedException {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("client.id", "fluxgate-flow-counter-reader");
    config.put("enable.auto.commit", "false");
    config.put("fetch.max.wait.ms", "100");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    Map<TopicPartition, Long> endAtStart;
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(PlatformTopics.FLOW_COUNTERS, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      endAtStart = consumer.endOffsets(partitions);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
    running = true;
    reader = new Thread(() -> readLoop(endAtStart), "fluxgate-flow-counter-reader");
    reader.setDaemon(true);
    reader.start();
    if (!caughtUp.await(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("could not read the flow counters topic within 60 s");
    }
  }

  private void readLoop(Map<TopicPartition, Long> endAtStart) {
    try {
      while (running) {
        try {
          for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            apply(record.key(), record.value());
          }
          lastPollNanos = System.nanoTime();
          if (caughtUp.getCount() > 0
              && endAtStart.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
            caughtUp.countDown();
          }
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Keep going: read() answers 503 while the reader does not advance.
          LOG.error("Flow counter reader failed; retrying in 1 s", e);
          Thread.sleep(1_000);
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // stop() asked us to finish
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Whether the totals are up to date: the reader polled successfully within the last 30 s. */
  public boolean isCurrent() {
    return running
        && caughtUp.getCount() == 0
        && System.nanoTime() - lastPollNanos < STALE_AFTER.toNanos();
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
  }
}
