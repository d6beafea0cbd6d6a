package io.fluxgate.core.flow;

import io.fluxgate.core.topic.PlatformTopics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what flow-control policies drop and reject, so that every gateway instance reports the
 * same totals: this process's cumulative counts per subscription, written under its own key of
 * {@link PlatformTopics#FLOW_COUNTERS} at most once per flush interval.
 *
 * <pre>{@code
 * FlowCounterWriter counters = FlowCounterWriter.create(clientConfig, "fluxgate-gateway");
 * counters.record(subscriptionId, FlowCounts.rejected(1)); // cheap: a map update
 * }</pre>
 *
 * <p>Each writer takes a fresh id when it is created, so a restarted process adds a new key rather
 * than overwrite the totals it wrote before. Counts recorded less than one flush interval before a
 * crash are lost; {@link #close()} flushes.
 */
public final class FlowCounterWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FlowCounterWriter.class);
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

  private final Producer<String, byte[]> producer;
  private final String writerId;
  private final Map<String, FlowCounts> totals = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fluxgate-flow-counter-writer");
            t.setDaemon(true);
            return t;
          });

  /** A writer with its own idempotent producer ({@code acks=all}) and a fresh writer id. */
  public static FlowCounterWriter create(Map<String, Object> clientConfig, String clientId) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("client.id", clientId + "-flow-counters");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    return new FlowCounterWriter(
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()),
        UUID.randomUUID().toString(),
        DEFAULT_FLUSH_INTERVAL);
  }

  public FlowCounterWriter(
      Producer<String, byte[]> producer, String writerId, Duration flushInterval) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.writerId = Objects.requireNonNull(writerId, "writerId");
    FlowCounterRecords.key("probe", writerId); // refuses an id the key format cannot hold
    long interval = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** Adds {@code counts} to the subscription's totals; written with the next flush. */
  public void record(String subscriptionId, FlowCounts counts) {
    totals.merge(subscriptionId, counts, FlowCounts::plus);
    changed.add(subscriptionId);
  }

  /** Sends the totals that changed since the last flush (asynchronously, in order per key). */
  public void flush() {
    for (String subscriptionId : changed) {
      // Unmark before reading: a count recorded meanwhile marks it again for the next flush.
      changed.remove(subscriptionId);
      producer.send(
          new ProducerRecord<>(
              PlatformTopics.FLOW_COUNTERS,
              FlowCounterRecords.key(subscriptionId, writerId),
              FlowCounterRecords.encode(totals.get(subscriptionId))),
          (metadata, error) -> {
            if (error != null) {
              LOG.warn("Could not write flow counts of {}: {}", subscriptionId, error.toString());
              changed.add(subscriptionId);
            }
          });
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("Could not flush flow counts: {}", e.toString());
    }
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    flushQuietly();
    producer.close(Duration.ofSeconds(10));
  }
}
