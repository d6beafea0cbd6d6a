package io.fluxgate.gateway.core;

import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** A subscription topic of three partitions on Kafka's in-memory consumer, and its events. */
final class StreamFixtures {
  static final Instant NOW = Instant.parse("2025-07-25T10:30:45Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Subscription SUBSCRIPTION =
      new Subscription("s1", null, List.of("a.*"), StartPosition.LATEST, Map.of(), NOW);
  static final String TOPIC = SUBSCRIPTION.topic();

  private static final TestRegistry REGISTRY = TestRegistry.started();
  private static final EventJson EVENT_JSON = new EventJson(EventLimits.defaults(), CLOCK);
  static final EventRenderer RENDERER = new EventRenderer(REGISTRY.codec, CLOCK);

  private StreamFixtures() {}

  static TopicPartition partition(int partition) {
    return new TopicPartition(TOPIC, partition);
  }

  /** A consumer of the three-partition subscription topic, holding no records yet. */
  static RecordingConsumer consumer() {
    RecordingConsumer consumer = new RecordingConsumer();
    Node node = new Node(0, "localhost", 9092);
    Node[] nodes = {node};
    consumer.updatePartitions(
        TOPIC,
        List.of(
            new PartitionInfo(TOPIC, 0, node, nodes, nodes),
            new PartitionInfo(TOPIC, 1, node, nodes, nodes),
            new PartitionInfo(TOPIC, 2, node, nodes, nodes)));
    consumer.updateBeginningOffsets(Map.of(partition(0), 0L, partition(1), 0L, partition(2), 0L));
    consumer.updateEndOffsets(Map.of(partition(0), 0L, partition(1), 0L, partition(2), 0L));
    return consumer;
  }

  /** A record of an event named {@code name} in its data, as the fan-out writes it. */
  static ConsumerRecord<String, byte[]> record(int partition, long offset, String eventId) {
    return record(partition, offset, eventId, new RecordHeaders());
  }

  /** A record of an event whose TTL ran out before {@link #NOW}. */
  static ConsumerRecord<String, byte[]> expiredRecord(int partition, long offset, String eventId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        PlatformTopics.EXPIRES_AT_HEADER,
        ByteBuffer.allocate(Long.BYTES).putLong(NOW.toEpochMilli() - 1).array());
    return record(partition, offset, eventId, headers);
  }

  /** A record of an event that a replay copied, with the replay's id. */
  static ConsumerRecord<String, byte[]> replayedRecord(
      int partition, long offset, String eventId, String replayId) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(PlatformTopics.REPLAY_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
    return record(partition, offset, eventId, headers);
  }

  /** A record whose value is not an event. */
  static ConsumerRecord<String, byte[]> undecodableRecord(int partition, long offset) {
    return record(partition, offset, new byte[] {1, 2, 3}, new RecordHeaders());
  }

  /** The event of {@link #record}, as published (without its Kafka coordinates). */
  static UniversalEvent event(String eventId) {
    String json =
        "{\"event_type\":\"a.b\",\"timestamp\":\""
            + NOW
            + "\",\"data\":{\"name\":\""
            + eventId
            + "\"}}";
    return EVENT_JSON.parseEvent(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A record of {@code event}, encoded as the gateway encodes it. */
  static ConsumerRecord<String, byte[]> record(int partition, long offset, UniversalEvent event) {
    return record(
        partition, offset, REGISTRY.encoder.encodeAll(List.of(event)).get(0), new RecordHeaders());
  }

  private static ConsumerRecord<String, byte[]> record(
      int partition, long offset, String eventId, RecordHeaders headers) {
    return record(
        partition, offset, REGISTRY.encoder.encodeAll(List.of(event(eventId))).get(0), headers);
  }

  private static ConsumerRecord<String, byte[]> record(
      int partition, long offset, byte[] value, RecordHeaders headers) {
    return new ConsumerRecord<>(
        TOPIC,
        partition,
        offset,
        NOW.toEpochMilli(),
        TimestampType.CREATE_TIME,
        0,
        value.length,
        "k",
        value,
        headers,
        Optional.empty());
  }

  /**
   * Keeps what was committed readable after the consumer is closed, and answers {@code committed}
   * with the group's earlier offsets too (MockConsumer forgets them on assign).
   */
  static final class RecordingConsumer extends MockConsumer<String, byte[]> {
    final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();
    final Map<TopicPartition, OffsetAndMetadata> groupOffsets = new ConcurrentHashMap<>();

    RecordingConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      super.commitSync(offsets);
      commits.putAll(offsets);
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
        java.util.Set<TopicPartition> partitions, java.time.Duration timeout) {
      Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
      partitions.forEach(
          p -> {
            if (groupOffsets.containsKey(p)) {
              committed.put(p, groupOffsets.get(p));
            }
          });
      super.committed(partitions, timeout)
          .forEach(
              (p, o) -> {
                if (o != null) {
                  committed.put(p, o);
                }
              });
      return committed;
    }
  }

  /** Subscriptions in a map. */
  static final class Repository implements SubscriptionRepository {
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    Repository(Subscription... initial) {
      for (Subscription subscription : initial) {
        put(subscription);
      }
    }

    @Override
    public void put(Subscription subscription) {
      subscriptions.put(subscription.id(), subscription);
    }

    @Override
    public void delete(String id) {
      subscriptions.remove(id);
    }

    @Override
    public Optional<Subscription> get(String id) {
      return Optional.ofNullable(subscriptions.get(id));
    }

    @Override
    public Collection<Subscription> all() {
      return subscriptions.values();
    }
  }
}
