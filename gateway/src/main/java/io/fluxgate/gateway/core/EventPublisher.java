package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.RecordKeys;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.gateway.api.PublishedEvent;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes validated events to their catalog topic and returns only once the broker acknowledged
 * every one of them (acks=all, idempotent producer): a returned {@link PublishedEvent} is durable.
 *
 * <p>The record key follows the contract (correlation id, else instance id, else event id) so that
 * events of one key keep their order for every subscriber. The event type travels in a header so
 * that routing never decodes the value.
 */
public final class EventPublisher implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  /** Longer than the producer's delivery timeout, so the producer gives the verdict. */
  private static final Duration ACK_WAIT = Duration.ofSeconds(40);

  private static final int RETRY_AFTER_SECONDS = 1;

  /** How long an atomic batch waits for a free transactional producer before a 503. */
  private static final Duration TRANSACTION_SLOT_WAIT = Duration.ofSeconds(5);

  private final Producer<String, byte[]> producer;
  private final EventEncoder encoder;
  private final PublishFlowControl flowControl;
  private final TopicCatalog catalog;
  private final Clock clock;
  private final TransactionalProducerPool transactional;

  /**
   * @param producer the shared idempotent producer
   * @param transactionalFactory makes the transactional producer of pool slot {@code n}, for atomic
   *     batches
   * @param transactionalSlots how many atomic batches may run at once
   * @param encoder validates and encodes every event of a call before any is sent
   */
  public EventPublisher(
      Producer<String, byte[]> producer,
      IntFunction<Producer<String, byte[]>> transactionalFactory,
      int transactionalSlots,
      EventEncoder encoder,
      TopicCatalog catalog,
      Clock clock) {
    this(
        producer,
        transactionalFactory,
        transactionalSlots,
        encoder,
        PublishFlowControl.NONE,
        catalog,
        clock);
  }

  /**
   * @param flowControl admits the events to the queues of {@code block}/{@code reject}
   *     subscriptions, after they were validated and encoded and before anything is sent
   */
  public EventPublisher(
      Producer<String, byte[]> producer,
      IntFunction<Producer<String, byte[]>> transactionalFactory,
      int transactionalSlots,
      EventEncoder encoder,
      PublishFlowControl flowControl,
      TopicCatalog catalog,
      Clock clock) {
    this.producer = producer;
    this.encoder = encoder;
    this.flowControl = flowControl;
    this.transactional = new TransactionalProducerPool(transactionalSlots, transactionalFactory);
    this.catalog = catalog;
    this.clock = clock;
  }

  /** A producer configured for durability first: acks=all, idempotence, bounded blocking. */
  public static Producer<String, byte[]> createProducer(
      Map<String, Object> clientConfig, Map<String, String> overrides) {
    Map<String, Object> config = new java.util.HashMap<>(clientConfig);
    config.put("client.id", "fluxgate-gateway-publisher");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "2");
    config.put("batch.size", Integer.toString(256 * 1024));
    // One event may be 1 MiB of JSON; its Avro form is smaller, plus headers and batch overhead.
    config.put("max.request.size", Integer.toString(TopicProvisioner.MAX_MESSAGE_BYTES));
    config.put("delivery.timeout.ms", "30000");
    config.put("request.timeout.ms", "10000");
    // A broker that is down must not hold an HTTP request forever in send().
    config.put("max.block.ms", "10000");
    config.putAll(overrides);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * A transactional producer for atomic batches: same durability settings, plus a transactional id
   * that is stable for this gateway instance ({@code prefix}) and pool slot.
   */
  public static Producer<String, byte[]> createTransactionalProducer(
      Map<String, Object> clientConfig, Map<String, String> overrides, String prefix, int slot) {
    Map<String, String> config = new java.util.HashMap<>(overrides);
    config.put("client.id", prefix + "-" + slot);
    config.put("transactional.id", prefix + "-" + slot);
    // An abandoned transaction blocks read-committed readers until it times out: keep that short.
    config.put("transaction.timeout.ms", "15000");
    return createProducer(clientConfig, config);
  }

  public PublishedEvent publish(UniversalEvent event) {
    return publishAll(List.of(event)).get(0);
  }

  /**
   * Sends every event, then waits for every acknowledgement. On any failure the call fails with
   * 503: the client retries, and the idempotent producer plus event ids keep retries safe to
   * de-duplicate downstream.
   */
  public List<PublishedEvent> publishAll(List<UniversalEvent> events) {
    List<byte[]> values = encoder.encodeAll(events);
    admit(events);
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    try {
      for (int i = 0; i < events.size(); i++) {
        acks.add(producer.send(toRecord(events.get(i), values.get(i))));
      }
    } catch (KafkaException | IllegalStateException e) {
      // IllegalStateException: the producer is closed, as while the gateway shuts down.
      LOG.warn("Kafka refused a send: {}", e.toString());
      throw ApiException.unavailable(
          "Kafka is unavailable: " + e.getMessage(), RETRY_AFTER_SECONDS);
    }
    return published(events, acks);
  }

  /** Full queues of block/reject subscriptions refuse the whole call (429 or 503). */
  private void admit(List<UniversalEvent> events) {
    try {
      flowControl.admitEvents(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while waiting for a full queue", 1);
    }
  }

  private static List<PublishedEvent> published(
      List<UniversalEvent> events, List<Future<RecordMetadata>> acks) {
    List<PublishedEvent> published = new ArrayList<>(events.size());
    long deadline = System.nanoTime() + ACK_WAIT.toNanos();
    for (int i = 0; i < events.size(); i++) {
      RecordMetadata metadata = await(acks.get(i), deadline);
      UniversalEvent event = events.get(i);
      published.add(
          new PublishedEvent(
              event.getId(),
              event.getEventType(),
              metadata.topic(),
              metadata.partition(),
              metadata.offset(),
              event.getTimestamp()));
    }
    return published;
  }

  /**
   * Writes the whole batch in one Kafka transaction: read-committed consumers (the fan-out among
   * them) see all of it or none of it. Fails with 503 if the transaction could not commit.
   */
  public List<PublishedEvent> publishAtomically(List<UniversalEvent> events) {
    List<byte[]> values = encoder.encodeAll(events);
    admit(events);
    TransactionalProducerPool.Slot slot;
    try {
      slot = transactional.borrow(TRANSACTION_SLOT_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while waiting for Kafka", RETRY_AFTER_SECONDS);
    } catch (KafkaException e) {
      LOG.warn("Could not start a transactional producer: {}", e.toString());
      throw ApiException.unavailable(
          "Kafka is unavailable: " + e.getMessage(), RETRY_AFTER_SECONDS);
    }
    if (slot == null) {
      throw ApiException.unavailable("too many atomic batches in flight", RETRY_AFTER_SECONDS);
    }
    Producer<String, byte[]> tx = slot.producer;
    boolean healthy = true;
    try {
      tx.beginTransaction();
      List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        acks.add(tx.send(toRecord(events.get(i), values.get(i))));
      }
      commit(tx);
      return published(events, acks);
    } catch (CommitOutcomeUnknownException e) {
      // Replacing the producer re-initialises its transactional id, which completes or aborts
      // the pending transaction on the broker before the id is used again.
      healthy = false;
      LOG.warn("Atomic batch commit outcome unknown: {}", e.getCause().toString());
      throw ApiException.unavailable(
          "Kafka did not confirm the atomic batch in time; it may or may not have been written",
          RETRY_AFTER_SECONDS);
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | IllegalStateException e) {
      healthy = false;
      LOG.warn("Transactional producer unusable, replacing it: {}", e.toString());
      throw ApiException.unavailable("the atomic batch was not written", RETRY_AFTER_SECONDS);
    } catch (KafkaException e) {
      try {
        tx.abortTransaction();
      } catch (KafkaException | IllegalStateException abortFailure) {
        healthy = false;
      }
      LOG.warn("Atomic batch aborted: {}", e.toString());
      throw ApiException.unavailable(
          "the atomic batch was not written: " + e.getMessage(), RETRY_AFTER_SECONDS);
    } finally {
      if (healthy) {
        transactional.giveBack(slot);
      } else {
        transactional.discard(slot);
      }
    }
  }

  /**
   * Commits, retrying once on a timeout as Kafka allows (aborting after a commit timeout is not
   * allowed: the commit may still complete).
   */
  private static void commit(Producer<String, byte[]> tx) {
    try {
      tx.commitTransaction();
    } catch (org.apache.kafka.common.errors.TimeoutException first) {
      try {
        tx.commitTransaction();
      } catch (org.apache.kafka.common.errors.TimeoutException second) {
        throw new CommitOutcomeUnknownException(second);
      }
    }
  }

  /** A commit that timed out twice: the batch may or may not be visible. */
  private static final class CommitOutcomeUnknownException extends RuntimeException {
    CommitOutcomeUnknownException(Throwable cause) {
      super(cause);
    }
  }

  ProducerRecord<String, byte[]> toRecord(UniversalEvent event, byte[] value) {
    String topic = catalog.resolve(event.getEventType()).topic();
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        PlatformTopics.EVENT_TYPE_HEADER, event.getEventType().getBytes(StandardCharsets.UTF_8));
    String correlationId = RecordKeys.correlationIdOf(event);
    if (correlationId != null) {
      headers.add(
          PlatformTopics.CORRELATION_ID_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
    }
    Long ttl = event.getTtlSeconds();
    if (ttl != null) {
      headers.add(
          PlatformTopics.EXPIRES_AT_HEADER,
          ByteBuffer.allocate(Long.BYTES).putLong(expiresAtMillis(event, ttl)).array());
    }
    return new ProducerRecord<>(
        topic, null, clock.millis(), RecordKeys.keyOf(event), value, headers);
  }

  /**
   * The contract expires an event at {@code timestamp + ttl_seconds}, not at publish time + ttl;
   * saturates so that a huge ttl means "never" instead of overflowing into the past.
   */
  static long expiresAtMillis(UniversalEvent event, long ttlSeconds) {
    long ttlMillis = TimeUnit.SECONDS.toMillis(ttlSeconds);
    long timestamp = event.getTimestamp().toEpochMilli();
    long expiresAt = timestamp + ttlMillis;
    // Overflow only when both are positive and the sum wrapped.
    return ttlMillis > 0 && expiresAt < timestamp ? Long.MAX_VALUE : expiresAt;
  }

  private static RecordMetadata await(Future<RecordMetadata> ack, long deadlineNanos) {
    try {
      return ack.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      LOG.warn("Kafka did not acknowledge an event: {}", e.getCause().toString());
      throw ApiException.unavailable(
          "Kafka did not acknowledge the write: " + e.getCause().getMessage(), RETRY_AFTER_SECONDS);
    } catch (TimeoutException e) {
      throw ApiException.unavailable("Kafka did not acknowledge in time", RETRY_AFTER_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while waiting for Kafka", RETRY_AFTER_SECONDS);
    }
  }

  @Override
  public void stop() {
    // Flush and wait: every event we were asked to write is either acknowledged or failed.
    producer.close(Duration.ofSeconds(30));
    transactional.close();
  }
}
