package io.fluxgate.benchmarks.load;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes pre-encoded gateway records ({@link WireEvents#pool}) straight to Kafka with one producer,
 * {@code acks=all} and idempotent like the gateway, cycling over the pool: either a fixed count, or
 * continuously on a background thread (flat out, or at a rate) until stopped. Sends are
 * asynchronous; the producer's buffer is the only bound on what is in flight, and {@link #acked()}
 * counts what the broker confirmed.
 */
public final class EventsProducer implements AutoCloseable {
  private static final int PACED_CHUNK = 100;

  private final KafkaProducer<String, byte[]> producer;
  private final List<ProducerRecord<String, byte[]>> pool;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Callback callback =
      (metadata, error) -> (error == null ? acked : failed).incrementAndGet();
  private volatile boolean running;
  private Thread sender;
  private long next;

  public EventsProducer(String bootstrapServers, List<ProducerRecord<String, byte[]>> pool) {
    this(bootstrapServers, pool, Map.of());
  }

  /** With producer settings that override the defaults above (e.g. {@code linger.ms}). */
  public EventsProducer(
      String bootstrapServers,
      List<ProducerRecord<String, byte[]>> pool,
      Map<String, Object> overrides) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "fluxgate-scenario-producer");
    config.putAll(overrides);
    this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    this.pool = List.copyOf(pool);
  }

  /** Sends {@code count} records, then waits until every one is acknowledged or failed. */
  public void sendAndFlush(long count) {
    for (long i = 0; i < count; i++) {
      sendNext();
    }
    producer.flush();
  }

  /** Sends one record now (the probes that check the fan-out routes); waits for its ack. */
  public void sendOne(ProducerRecord<String, byte[]> record) throws Exception {
    producer.send(record).get(30, TimeUnit.SECONDS);
  }

  /** Starts sending on a background thread: {@code rate} records/s, or flat out when 0. */
  public void start(long rate) {
    running = true;
    sender = new Thread(() -> sendContinuously(rate), "scenario-producer");
    sender.setDaemon(true);
    sender.start();
  }

  /** Stops the background thread and waits for what it sent to be acknowledged. */
  public void stop() throws InterruptedException {
    running = false;
    if (sender != null) {
      sender.join();
    }
    producer.flush();
  }

  public long acked() {
    return acked.get();
  }

  public long failed() {
    return failed.get();
  }

  private void sendContinuously(long rate) {
    RatePacer pacer = RatePacer.of(System.nanoTime(), rate, 1, PACED_CHUNK, 0);
    try {
      while (running) {
        if (pacer.paced()) {
          RatePacer.awaitNanos(pacer.nextIntendedNanos());
        }
        for (int i = 0; i < PACED_CHUNK && running; i++) {
          sendNext();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendNext() {
    producer.send(pool.get((int) (next++ % pool.size())), callback);
  }

  @Override
  public void close() {
    producer.close();
  }
}
