package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.flow.FlowCounts;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SeekResult;
import io.fluxgate.gateway.core.ack.AckCommand;
import io.fluxgate.gateway.core.ack.AckId;
import io.fluxgate.gateway.core.ack.AckLog;
import io.fluxgate.gateway.core.ack.AckState;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once HTTP delivery for {@code ack_mode: manual}: a long poll leases the events it hands
 * out through the lease log ({@link AckLog}); each carries an {@code ack_id} and its {@code
 * delivery_attempt}; an ack makes its events done and commits the subscription's consumer group up
 * to the acknowledged prefix; a nack, or a lease running out ({@code ack_timeout_ms}), makes them
 * deliverable again. Every call works on any instance.
 *
 * <p>Why not Kafka share groups (KIP-932): a record acquired by a share consumer can only be
 * acknowledged by that consumer's member session, and in explicit mode it must acknowledge its
 * batch before it polls again; an ack arriving at another gateway instance, or minutes later, would
 * need sticky forwarding between instances. The consumer group plus a lease log needs none.
 */
public final class ManualDelivery implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ManualDelivery.class);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SCAN_WAIT = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, Object> clientConfig;
  private final AckLog log;
  private final EventRenderer renderer;
  private final Map<String, ManualReader> readers = new ConcurrentHashMap<>();
  private volatile PublishFlowControl.Counter dropCounter = (id, counts) -> {};
  private final ScheduledExecutorService janitor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fluxgate-manual-delivery-janitor");
            t.setDaemon(true);
            return t;
          });

  public ManualDelivery(Map<String, Object> clientConfig, AckLog log, EventRenderer renderer) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.log = log;
    this.renderer = renderer;
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
   * Up to {@code max} events leased to the caller for the subscription's ack timeout; waits up to
   * {@code timeout} for events that are neither done nor leased.
   *
   * @throws KafkaException or {@link AckLog.UnavailableException} when Kafka fails
   */
  List<byte[]> poll(Subscription subscription, int max, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long maxQueue =
        subscription.backpressure() == Backpressure.DROP_OLDEST ? subscription.maxQueueSize() : 0;
    while (true) {
      long remaining = Math.max(0, deadline - System.nanoTime());
      Duration wait = Duration.ofNanos(Math.min(remaining, SCAN_WAIT.toNanos()));
      ManualReader.Scan scan =
          withReader(
              subscription,
              reader ->
                  reader.scan(
                      max,
                      wait,
                      maxQueue,
                      dropped ->
                          dropCounter.record(
                              subscription.id(), FlowCounts.droppedFromQueue(dropped))));
      if (!scan.isEmpty()) {
        String leaseId = HexFormat.of().formatHex(randomBytes());
        List<AckState.Granted> granted =
            log.write(subscription.id(), scan.lease(leaseId, subscription.ackTimeoutMs()));
        if (!granted.isEmpty()) {
          return render(subscription, scan, leaseId, granted);
        }
        // Another caller leased them first. Pause before the next lease record: with this
        // instance's clock ahead of the broker's, a lease may look over here and not be there.
        TimeUnit.NANOSECONDS.sleep(
            Math.min(Math.max(0, deadline - System.nanoTime()), RETRY_PAUSE.toNanos()));
      }
      if (System.nanoTime() >= deadline) {
        return List.of();
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * The granted events as JSON; those past their TTL or undecodable are acknowledged at once
   * instead.
   */
  private List<byte[]> render(
      Subscription subscription,
      ManualReader.Scan scan,
      String leaseId,
      List<AckState.Granted> granted) {
    List<byte[]> events = new ArrayList<>(granted.size());
    List<AckId> undeliverable = new ArrayList<>();
    try (EventJsonBuffer json = new EventJsonBuffer(renderer)) {
      for (AckState.Granted grant : granted) {
        ConsumerRecord<String, byte[]> record =
            scan.records()
                .get(new TopicPartition(subscription.topic(), grant.partition()))
                .get(grant.offset());
        AckId ackId = new AckId(grant.partition(), grant.offset(), leaseId);
        Optional<UniversalEvent> event = renderer.decode(record);
        if (event.isPresent()
            && json.render(
                record,
                event.get(),
                g -> {
                  g.writeStringField("ack_id", ackId.toString());
                  g.writeNumberField("delivery_attempt", grant.deliveryAttempt());
                })) {
          events.add(json.toByteArray());
        } else {
          undeliverable.add(ackId);
        }
      }
    }
    if (!undeliverable.isEmpty()) {
      ack(subscription, undeliverable);
    }
    return events;
  }

  /** Acknowledges deliveries, then commits the group up to the acknowledged prefix. */
  public AckState.Answer ack(Subscription subscription, List<AckId> ids) {
    AckState.Answer answer = log.write(subscription.id(), new AckCommand.Ack(requestId(), ids));
    if (!answer.done().isEmpty()) {
      try {
        withReader(
            subscription,
            reader -> {
              reader.commitDone();
              return null;
            });
      } catch (KafkaException e) {
        // The acks are in the lease log: the next poll or ack on any instance commits them.
        LOG.warn("Could not commit the acks of {}: {}", subscription.id(), e.toString());
      }
    }
    return answer;
  }

  /** Gives deliveries back: their events are delivered again by the next long poll. */
  public AckState.Answer nack(Subscription subscription, List<AckId> ids) {
    return log.write(subscription.id(), new AckCommand.Nack(requestId(), ids));
  }

  /** A seek moved the subscription: its leases and acks start over at the new positions. */
  public void seeked(Subscription subscription, SeekResult result) {
    Map<Integer, Long> positions = new HashMap<>();
    result.positions().forEach(p -> positions.put(p.partition(), p.offset()));
    log.write(subscription.id(), new AckCommand.Seek(requestId(), positions));
    // An ack's commit on an instance that had not applied the seek yet may have moved the group
    // forward again: with the seek applied here, write its positions once more.
    withReader(
        subscription,
        reader -> {
          reader.commitPositions(positions);
          return null;
        });
  }

  private static String requestId() {
    return HexFormat.of().formatHex(randomBytes()) + HexFormat.of().formatHex(randomBytes());
  }

  /** Runs {@code call} on this instance's reader, reopened if the janitor closed it meanwhile. */
  private <T> T withReader(Subscription subscription, Function<ManualReader, T> call) {
    ManualReader reader = reader(subscription);
    try {
      return call.apply(reader);
    } catch (IllegalStateException closedWhileIdle) {
      readers.remove(subscription.id(), reader);
      return call.apply(reader(subscription));
    }
  }

  private ManualReader reader(Subscription subscription) {
    ManualReader reader = readers.get(subscription.id());
    if (reader != null) {
      return reader;
    }
    ManualReader fresh = openReader(subscription);
    ManualReader raced = readers.putIfAbsent(subscription.id(), fresh);
    if (raced != null) {
      fresh.close();
      return raced;
    }
    return fresh;
  }

  private ManualReader openReader(Subscription subscription) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("group.id", subscription.consumerGroup());
    config.put("client.id", "fluxgate-manual-delivery-" + subscription.id());
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("fetch.max.wait.ms", "50");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      return new ManualReader(consumer, subscription.topic(), subscription.id(), log);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  /** Stops delivering a deleted subscription on this instance. */
  public void forget(String subscriptionId) {
    ManualReader reader = readers.remove(subscriptionId);
    if (reader != null) {
      reader.close();
    }
    log.forget(subscriptionId);
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
    janitor.shutdownNow();
    readers.values().forEach(ManualReader::close);
    readers.clear();
  }
}
