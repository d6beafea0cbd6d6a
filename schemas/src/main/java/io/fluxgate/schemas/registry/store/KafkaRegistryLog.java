package io.fluxgate.schemas.registry.store;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The registry log in a single-partition compacted Kafka topic ({@value #TOPIC} by default), shared
 * by every registry instance of a cluster.
 *
 * <p>Reading: each instance has one thread that reads the partition from the beginning with a
 * read_committed consumer and passes every record to the sink. Being caught up means that its
 * position has reached the partition's last stable offset, looked up when asked.
 *
 * <p>Writing uses a Kafka transaction as a cluster-wide write lock: every instance uses the same
 * transactional id ({@value #TRANSACTIONAL_ID} by default), and {@code initTransactions()} by one
 * instance bumps that id's producer epoch, which aborts any transaction another instance has open
 * and fences its producer. An append takes the lock unless it holds it already, catches up, lets
 * the caller decide, and commits the decision in one transaction. This keeps decisions serial:
 *
 * <ul>
 *   <li>Only the producer with the current epoch can commit. A fenced one throws its decision away,
 *       takes the lock itself (fencing the other in turn) and decides again on fresh state.
 *   <li>Taking the lock waits until the previous holder's transaction has completed, so the last
 *       stable offset read after it covers every record committed before; and a holder's append
 *       returns only once its own records have been applied. A holder therefore decides on
 *       everything committed before it took the lock, plus its own writes.
 *   <li>For anyone else to commit after that, it must take the lock, which fences the holder: the
 *       holder's commit fails and it decides again. So no commit is ever based on stale state.
 * </ul>
 *
 * <p>A commit whose answer was lost (a timeout, a connection reset) may still have happened: an
 * append then either fails with a {@link RegistryLogException} or decides again on a state that
 * already holds its own entries. Decisions must therefore be made from the state (a registration
 * that finds its schema already registered returns the existing id). A record the sink throws on is
 * logged and skipped.
 *
 * <pre>{@code
 * try (KafkaRegistryLog log =
 *     new KafkaRegistryLog(KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", "kafka:9092")))) {
 *   log.start(state::apply);
 *   int id = log.append(() -> {
 *     int next = state.maxId() + 1;
 *     return new Proposal<>(List.of(new Entry(state.key(next), state.value(schema))), next);
 *   });
 * }
 * }</pre>
 */
public final class KafkaRegistryLog implements RegistryLog {

  /** The default topic of the registry log. */
  public static final String TOPIC = "_fluxgate.schemas";

  /** The default transactional id: the write lock every registry instance shares. */
  public static final String TRANSACTIONAL_ID = "fluxgate-schema-registry";

  private enum State {
    NEW,
    STARTED,
    CLOSED
  }

  private final KafkaRegistryLogConfig config;
  private final String clientId;
  private State state = State.NEW; // guarded by this
  private RegistryTopic topic;
  private RegistryLogReader reader;
  private RegistryLogWriter writer;

  /** A log that touches Kafka only from {@link #start}. */
  public KafkaRegistryLog(KafkaRegistryLogConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.clientId = "fluxgate-registry-log-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates the topic if it is missing, checks it, and reads it to the end. A log whose start
   * failed is closed.
   *
   * @throws RegistryLogException when the topic is unfit, or cannot be read within the start
   *     timeout
   * @throws IllegalStateException when called twice
   */
  @Override
  public synchronized void start(RecordSink sink) {
    Objects.requireNonNull(sink, "sink");
    if (state != State.NEW) {
      throw new IllegalStateException("the registry log was already " + state.name().toLowerCase());
    }
    state = State.STARTED;
    long deadlineNanos = System.nanoTime() + config.startTimeout().toNanos();
    try {
      topic =
          new RegistryTopic(
              Admin.create(config.adminConfig(clientId + "-admin")),
              config.topic(),
              config.replicationFactor());
      topic.ensure(deadlineNanos);
      reader =
          new RegistryLogReader(
              new KafkaConsumer<>(
                  config.consumerConfig(clientId + "-reader"),
                  new ByteArrayDeserializer(),
                  new ByteArrayDeserializer()),
              topic.partition(),
              sink,
              clientId + "-reader");
      reader.start();
      reader.awaitPosition(topic.lastStableOffset(deadlineNanos), deadlineNanos);
      writer =
          new RegistryLogWriter(
              config.topic(),
              topic.partition().partition(),
              this::newProducer,
              new ReadSide(),
              config.appendTimeout());
    } catch (RuntimeException e) {
      close();
      throw startFailure(e);
    }
  }

  private RegistryLogException startFailure(RuntimeException e) {
    String message =
        "could not start the registry log on " + config.topic() + ": " + e.getMessage();
    if (e instanceof RegistryLogException failure) {
      return new RegistryLogException(message, failure.timedOut(), failure);
    }
    if (e instanceof KafkaException) {
      return new RegistryLogException(message, false, e);
    }
    throw e;
  }

  @Override
  public void awaitCaughtUp(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    started();
    new ReadSide().awaitCaughtUp(System.nanoTime() + timeout.toNanos());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Appends of this instance take turns; the append timeout counts the wait for the turn.
   * Exceptions thrown by {@code decide} reach the caller unchanged, and nothing is appended.
   */
  @Override
  public <T> T append(Supplier<Proposal<T>> decide) {
    return started().append(decide);
  }

  /** How far the reader has got: the offset of the next record the sink will receive. */
  public long position() {
    started();
    return reader.position();
  }

  /** Stops the reader and closes the Kafka clients; appends in progress fail. Idempotent. */
  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    // The reader first: it fails the waits of appends in progress, so that they end quickly.
    if (reader != null) {
      reader.close();
    }
    if (writer != null) {
      writer.close();
    }
    if (topic != null) {
      topic.close();
    }
  }

  private synchronized RegistryLogWriter started() {
    return switch (state) {
      case NEW -> throw new IllegalStateException("the registry log has not been started");
      case CLOSED -> throw new RegistryLogException("the registry log is closed", false, null);
      case STARTED -> writer;
    };
  }

  private KafkaProducer<byte[], byte[]> newProducer() {
    return new KafkaProducer<>(
        config.producerConfig(clientId + "-writer"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** The reader and the topic's end, as the writer needs them. */
  private final class ReadSide implements RegistryLogWriter.ReadSide {
    @Override
    public void awaitCaughtUp(long deadlineNanos) {
      reader.awaitPosition(topic.lastStableOffset(deadlineNanos), deadlineNanos);
    }

    @Override
    public void awaitPosition(long offset, long deadlineNanos) {
      reader.awaitPosition(offset, deadlineNanos);
    }
  }
}
