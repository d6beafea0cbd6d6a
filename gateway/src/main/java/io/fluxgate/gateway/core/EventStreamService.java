package io.fluxgate.gateway.core;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the server-sent event streams of subscriptions, at most {@code maxStreams} at a time on
 * this instance. Each stream has its own consumer, assigned (not a group member, so streams and
 * long polls never rebalance each other) and committing to the subscription's consumer group. It
 * starts at the {@code Last-Event-ID} position when the client gives one, else at the group's
 * committed offsets, else at the beginning of the subscription topic.
 */
public final class EventStreamService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(EventStreamService.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

  private final Function<Map<String, Object>, Consumer<String, byte[]>> consumers;
  private final Map<String, Object> clientConfig;
  private final EventRenderer renderer;
  private final SubscriptionRepository repository;
  private final Duration heartbeat;
  private final Duration commitInterval;
  private final int maxStreams;
  private final Semaphore permits;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * Streams run here, not on the HTTP server's threads: a stream lasts as long as its client stays,
   * and Jetty's threads also select and accept connections.
   */
  private final ExecutorService runners =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "fluxgate-sse-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private volatile boolean stopped;
  private volatile PublishFlowControl.Counter drops = (id, counts) -> {};

  public EventStreamService(
      Map<String, Object> clientConfig,
      EventRenderer renderer,
      SubscriptionRepository repository,
      Duration heartbeat,
      Duration commitInterval,
      int maxStreams) {
    this(
        config ->
            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
        clientConfig,
        renderer,
        repository,
        heartbeat,
        commitInterval,
        maxStreams);
  }

  /** With {@code consumers} making each stream's consumer from its configuration (tests). */
  EventStreamService(
      Function<Map<String, Object>, Consumer<String, byte[]>> consumers,
      Map<String, Object> clientConfig,
      EventRenderer renderer,
      SubscriptionRepository repository,
      Duration heartbeat,
      Duration commitInterval,
      int maxStreams) {
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
    }
    if (commitInterval.isNegative() || commitInterval.isZero()) {
      throw new IllegalArgumentException("commitInterval must be positive, was " + commitInterval);
    }
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be at least 1, was " + maxStreams);
    }
    this.consumers = consumers;
    this.clientConfig = Map.copyOf(clientConfig);
    this.renderer = renderer;
    this.repository = repository;
    this.heartbeat = heartbeat;
    this.commitInterval = commitInterval;
    this.maxStreams = maxStreams;
    this.permits = new Semaphore(maxStreams);
  }

  /** Where {@code drop_oldest} records what streams skipped (nowhere until set). */
  public void countDropsWith(PublishFlowControl.Counter counter) {
    this.drops = counter;
  }

  /**
   * A stream of {@code subscription}, positioned at {@code requested} (null: where the group
   * stands). The caller runs it; it closes itself when it ends.
   *
   * @throws ApiException 503 when this instance is at its limit of streams or Kafka is unavailable;
   *     400 when {@code requested} does not fit the subscription topic
   */
  public EventStream open(Subscription subscription, StreamPosition requested) {
    if (stopped) {
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
    if (!permits.tryAcquire()) {
      throw ApiException.unavailable(
          "this gateway instance already serves its maximum of " + maxStreams + " streams", 1);
    }
    Consumer<String, byte[]> consumer = null;
    StreamPosition start;
    try {
      consumer = newConsumer(subscription);
      start = position(consumer, subscription.topic(), requested);
    } catch (KafkaException e) {
      LOG.warn("Could not open a stream of subscription {}: {}", subscription.id(), e.toString());
      discard(consumer);
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    } catch (RuntimeException e) {
      discard(consumer);
      throw e;
    }
    // From here on the stream owns the consumer and the permit, and gives both back when it ends.
    EventStream[] self = new EventStream[1];
    EventStream stream =
        new EventStream(
            consumer,
            subscription.topic(),
            subscription.id(),
            start,
            renderer,
            () -> repository.get(subscription.id()),
            drops,
            heartbeat,
            commitInterval,
            () -> {
              open.remove(self[0]);
              permits.release();
            });
    self[0] = stream;
    open.add(stream);
    if (stopped) {
      stream.stop();
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
    return stream;
  }

  private void discard(Consumer<String, byte[]> consumer) {
    if (consumer != null) {
      consumer.close(Duration.ZERO);
    }
    permits.release();
  }

  /**
   * Runs {@code task}, which writes {@code stream} to its client, on a thread of the streams; stops
   * the stream when the gateway is stopping.
   */
  public void execute(EventStream stream, Runnable task) {
    try {
      runners.execute(task);
    } catch (RejectedExecutionException e) {
      stream.stop();
      throw ApiException.unavailable("the gateway is shutting down", 1);
    }
  }

  /** Streams open on this instance. */
  public int openStreams() {
    return open.size();
  }

  private Consumer<String, byte[]> newConsumer(Subscription subscription) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("group.id", subscription.consumerGroup());
    config.put(
        "client.id", "fluxgate-stream-" + subscription.id() + "-" + sequence.incrementAndGet());
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("fetch.max.wait.ms", "100");
    return consumers.apply(config);
  }

  /** Assigns every partition of the topic and seeks each to where the stream starts. */
  private static StreamPosition position(
      Consumer<String, byte[]> consumer, String topic, StreamPosition requested) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
    if (infos.isEmpty()) {
      throw new UnknownTopicOrPartitionException("topic " + topic + " does not exist yet");
    }
    List<TopicPartition> partitions =
        infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    if (requested != null) {
      for (int partition : requested.nextOffsets().keySet()) {
        if (partition >= partitions.size()) {
          throw invalidPosition(
              "Last-Event-ID names partition "
                  + partition
                  + ", but the subscription topic has "
                  + partitions.size()
                  + " partitions",
              partition);
        }
      }
    }
    consumer.assign(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed =
        consumer.committed(Set.copyOf(partitions), KAFKA_TIMEOUT);
    Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
    Map<Integer, Long> start = new HashMap<>();
    for (TopicPartition partition : partitions) {
      Long given = requested == null ? null : requested.nextOffsets().get(partition.partition());
      OffsetAndMetadata groupOffset = committed.get(partition);
      long offset;
      if (given != null) {
        if (given > end.get(partition)) {
          throw invalidPosition(
              "Last-Event-ID names offset "
                  + given
                  + " of partition "
                  + partition.partition()
                  + ", beyond its end "
                  + end.get(partition),
              partition.partition());
        }
        offset = given;
      } else if (groupOffset != null) {
        offset = groupOffset.offset();
      } else {
        offset = beginning.get(partition);
      }
      // Events before the start of the log are gone to retention: continue with the oldest kept.
      offset = Math.max(offset, beginning.get(partition));
      consumer.seek(partition, offset);
      start.put(partition.partition(), offset);
    }
    return new StreamPosition(start);
  }

  private static ApiException invalidPosition(String message, int partition) {
    return ApiException.badRequest(
        "invalid_last_event_id",
        message,
        List.of(Map.of("field", "Last-Event-ID", "partition", partition)));
  }

  @Override
  public void start() {}

  /** Ends every open stream (each commits what it delivered) and refuses new ones. */
  @Override
  public void stop() {
    stopped = true;
    open.forEach(EventStream::stop);
    runners.shutdown();
  }
}
