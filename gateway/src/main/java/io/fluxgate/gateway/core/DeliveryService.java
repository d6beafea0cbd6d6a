package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.AckMode;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a subscription's events over HTTP: one {@link SubscriptionReader} per subscription in
 * use on this instance, closed after a minute without calls. Events past their TTL are consumed but
 * not returned.
 */
public final class DeliveryService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

  /** The most events one long poll answers ({@code max_events}); also one Kafka poll's worth. */
  public static final int MAX_POLL_RECORDS = 1_000;

  private final Map<String, Object> clientConfig;
  private final EventRenderer renderer;
  private final Map<String, SubscriptionReader> readers = new ConcurrentHashMap<>();
  private volatile boolean stopped;
  private volatile ManualDelivery manual;
  private volatile PublishFlowControl.Counter dropCounter = (id, counts) -> {};
  private final ScheduledExecutorService janitor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fluxgate-delivery-janitor");
            t.setDaemon(true);
            return t;
          });

  public DeliveryService(Map<String, Object> clientConfig, EventCodec codec, Clock clock) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.renderer = new EventRenderer(codec, clock);
  }

  /** Serves the subscriptions in {@code ack_mode: manual} (none until set). */
  public void deliverManualWith(ManualDelivery manual) {
    this.manual = manual;
  }

  /** Where {@code drop_oldest} records what delivery skipped (nowhere until set). */
  public void countDropsWith(PublishFlowControl.Counter counter) {
    this.dropCounter = counter;
  }

  @Override
  public void start() {
    janitor.scheduleWithFixedDelay(this::closeIdleReaders, 10, 10, TimeUnit.SECONDS);
  }

  /**
   * Up to {@code max} events, written as JSON each with its Kafka coordinates by {@link
   * Delivery#writeTo}; waits up to {@code timeout}. The caller commits the delivery once the client
   * has it, and closes it in any case.
   */
  public Delivery poll(Subscription subscription, int max, Duration timeout)
      throws InterruptedException {
    if (subscription.ackMode() == AckMode.MANUAL) {
      return pollManual(subscription, max, timeout);
    }
    SubscriptionReader.Batch batch;
    try {
      SubscriptionReader reader = reader(subscription);
      try {
        batch = poll(reader, subscription, max, timeout);
      } catch (IllegalStateException closedWhileIdle) {
        // The janitor closed this reader between lookup and poll: open a fresh one.
        readers.remove(subscription.id(), reader);
        batch = poll(reader(subscription), subscription, max, timeout);
      }
    } catch (KafkaException e) {
      LOG.warn("Could not read subscription {}: {}", subscription.id(), e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
    return new Delivery(renderer, batch.records(), batch);
  }

  /**
   * Leased events, each with its {@code ack_id}: nothing to commit once written, the client's ack
   * commits.
   */
  private Delivery pollManual(Subscription subscription, int max, Duration timeout)
      throws InterruptedException {
    if (manual == null || stopped) {
      throw ApiException.unavailable("manual acknowledgement is not available", 1);
    }
    try {
      return new Delivery(manual.poll(subscription, max, timeout));
    } catch (KafkaException | AckLog.UnavailableException e) {
      LOG.warn("Could not read subscription {}: {}", subscription.id(), e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    }
  }

  /** Polls, first skipping what a {@code drop_oldest} subscription holds past its bound. */
  private SubscriptionReader.Batch poll(
      SubscriptionReader reader, Subscription subscription, int max, Duration timeout)
      throws InterruptedException {
    if (subscription.backpressure() != Backpressure.DROP_OLDEST) {
      return reader.poll(max, timeout);
    }
    return reader.poll(
        max,
        timeout,
        subscription.maxQueueSize(),
        dropped -> dropCounter.record(subscription.id(), FlowCounts.droppedFromQueue(dropped)));
  }

  /**
   * This instance's reader of the subscription; opened outside the map so a slow open blocks no one
   * else.
   */
  private SubscriptionReader reader(Subscription subscription) {
    SubscriptionReader reader = readers.get(subscription.id());
    if (reader != null) {
      return reader;
    }
    if (stopped) {
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
    SubscriptionReader fresh = openReader(subscription);
    SubscriptionReader raced = readers.putIfAbsent(subscription.id(), fresh);
    if (raced != null) {
      fresh.close();
      return raced;
    }
    return fresh;
  }

  /** Stops delivering a deleted subscription on this instance. */
  public void forget(String subscriptionId) {
    if (manual != null) {
      manual.forget(subscriptionId);
    }
    SubscriptionReader reader = readers.remove(subscriptionId);
    if (reader != null) {
      reader.close();
    }
  }

  private SubscriptionReader openReader(Subscription subscription) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("group.id", subscription.consumerGroup());
    config.put("client.id", "fluxgate-delivery-" + subscription.id());
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("fetch.max.wait.ms", "50");
    // One poll can fill the largest long poll: with Kafka's default of 500 a request asking for
    // 1,000 events got 500, and every request costs the same four round trips to the group
    // coordinator and the broker (committed offsets, end offsets, commit check, commit).
    config.put("max.poll.records", Integer.toString(MAX_POLL_RECORDS));
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      return new SubscriptionReader(consumer, subscription.topic());
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  private void closeIdleReaders() {
    readers.forEach(
        (id, reader) -> {
          if (reader.idleNanos() > IDLE_TIMEOUT.toNanos() && readers.remove(id, reader)) {
            reader.close();
          }
        });
  }

  @Override
  public void stop() {
    stopped = true;
    janitor.shutdownNow();
    readers.values().forEach(SubscriptionReader::close);
    readers.clear();
  }
}
