package io.fluxgate.gateway.core.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.gateway.core.EventRenderer;
import io.fluxgate.gateway.errors.ApiException;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Historical queries: a bounded scan of the event topics, read committed, from the offsets of
 * {@code from} to those of {@code to} (or the end), in timestamp order across partitions. The event
 * type is matched on the record header before anything is decoded. The scan stops at the page's
 * limit, after {@code maxScannedRecords} records or after {@code timeBudget}, and then answers with
 * a cursor that continues exactly where it stopped.
 *
 * <pre>{@code
 * QueryPage page = scanner.scan(new EventQuery(GlobPattern.compile("agent.*"), from, to, 100,
 *     null, e -> true));
 * }</pre>
 */
public final class EventScanner {
  private static final Logger LOG = LoggerFactory.getLogger(EventScanner.class);

  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Collection<String> eventTopics;
  private final EventJson eventJson;
  private final EventCodec codec;
  private final Clock clock;
  private final long maxScannedRecords;
  private final Duration timeBudget;
  private final Semaphore slots;

  public EventScanner(
      Supplier<Consumer<String, byte[]>> consumers,
      Collection<String> eventTopics,
      EventJson eventJson,
      EventCodec codec,
      Clock clock,
      long maxScannedRecords,
      Duration timeBudget,
      int maxConcurrentQueries) {
    this.consumers = Objects.requireNonNull(consumers, "consumers");
    this.eventTopics = List.copyOf(eventTopics);
    this.eventJson = Objects.requireNonNull(eventJson, "eventJson");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxScannedRecords = maxScannedRecords;
    this.timeBudget = Objects.requireNonNull(timeBudget, "timeBudget");
    this.slots = new Semaphore(maxConcurrentQueries);
  }

  /**
   * One page of {@code query}.
   *
   * @throws ApiException 503 when too many queries run on this instance or Kafka does not answer
   */
  public QueryPage scan(EventQuery query) {
    if (!slots.tryAcquire()) {
      throw ApiException.unavailable("too many queries in progress on this instance", 1);
    }
    long deadline = System.nanoTime() + timeBudget.toNanos();
    try (Consumer<String, byte[]> consumer = consumers.get()) {
      return scan(consumer, query, deadline);
    } catch (KafkaException e) {
      LOG.warn("Query failed: {}", e.toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getMessage(), 1);
    } finally {
      slots.release();
    }
  }

  private QueryPage scan(Consumer<String, byte[]> consumer, EventQuery query, long deadline) {
    List<TopicPartition> partitions = partitions(consumer, deadline);
    Map<TopicPartition, Long> ends = ends(consumer, partitions, query.to());
    Map<TopicPartition, Long> starts = starts(consumer, partitions, query, ends);
    TimeOrderedMerge merge = new TimeOrderedMerge(consumer, starts, ends);
    List<ObjectNode> events = new ArrayList<>();
    long scanned = 0;
    long nowMs = clock.millis();
    while (true) {
      ConsumerRecord<String, byte[]> head;
      try {
        head = merge.peek(deadline);
      } catch (TimeOrderedMerge.DeadlineException e) {
        return QueryPage.truncated(
            events, QueryPage.Reason.TIME_BUDGET, new QueryCursor(merge.positions()));
      }
      if (head == null) {
        return QueryPage.complete(events);
      }
      QueryPage.Reason stop =
          events.size() >= query.limit()
              ? QueryPage.Reason.LIMIT
              : scanned >= maxScannedRecords
                  ? QueryPage.Reason.SCAN_BUDGET
                  : System.nanoTime() >= deadline ? QueryPage.Reason.TIME_BUDGET : null;
      if (stop != null) {
        return QueryPage.truncated(events, stop, new QueryCursor(merge.positions()));
      }
      merge.take(head);
      scanned++;
      ObjectNode event = matching(head, query, nowMs);
      if (event != null) {
        events.add(event);
      }
    }
  }

  /** The record as JSON with its Kafka coordinates, or null when the query does not want it. */
  private ObjectNode matching(ConsumerRecord<String, byte[]> record, EventQuery query, long nowMs) {
    Header type = record.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
    if (type == null
        || type.value() == null
        || !query.type().matches(new String(type.value(), StandardCharsets.UTF_8))
        || EventRenderer.isExpired(record, nowMs)
        // Timestamps out of order within a partition: the offsets bound the range only roughly.
        || (query.from() != null && record.timestamp() < query.from().toEpochMilli())
        || (query.to() != null && record.timestamp() >= query.to().toEpochMilli())) {
      return null;
    }
    UniversalEvent event;
    try {
      event = codec.decode(record.value());
    } catch (RuntimeException e) {
      EventRenderer.skipped(record, e);
      return null;
    }
    if (!query.filter().test(event)) {
      return null;
    }
    ObjectNode json = eventJson.toJson(event);
    ObjectNode kafka = json.putObject("kafka");
    kafka.put("topic", record.topic());
    kafka.put("partition", record.partition());
    kafka.put("offset", record.offset());
    kafka.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    return json;
  }

  private List<TopicPartition> partitions(Consumer<String, byte[]> consumer, long deadline) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : eventTopics) {
      // Metadata within the time budget; a broker that does not answer fails the query at once.
      Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining);
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    return partitions;
  }

  /** The first offset past the range: that of {@code to}, never past the last stable offset. */
  private static Map<TopicPartition, Long> ends(
      Consumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant to) {
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
    if (to != null && !partitions.isEmpty()) {
      offsetsAt(consumer, partitions, to)
          .forEach(
              (tp, found) -> {
                if (found != null) {
                  ends.merge(tp, found.offset(), Math::min);
                }
              });
    }
    return ends;
  }

  private static Map<TopicPartition, Long> starts(
      Consumer<String, byte[]> consumer,
      List<TopicPartition> partitions,
      EventQuery query,
      Map<TopicPartition, Long> ends) {
    Map<TopicPartition, Long> starts = new HashMap<>();
    List<TopicPartition> fromTime = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long continued = query.cursor() == null ? null : query.cursor().offsets().get(tp);
      if (continued != null) {
        starts.put(tp, continued);
      } else {
        fromTime.add(tp);
      }
    }
    if (fromTime.isEmpty()) {
      return starts;
    }
    if (query.from() == null) {
      starts.putAll(consumer.beginningOffsets(fromTime));
    } else {
      // No record at or after from: nothing of that partition is in the range.
      offsetsAt(consumer, fromTime, query.from())
          .forEach((tp, found) -> starts.put(tp, found == null ? ends.get(tp) : found.offset()));
    }
    return starts;
  }

  private static Map<TopicPartition, OffsetAndTimestamp> offsetsAt(
      Consumer<String, byte[]> consumer, List<TopicPartition> partitions, Instant time) {
    Map<TopicPartition, Long> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, time.toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
    partitions.forEach(tp -> found.put(tp, null));
    found.putAll(consumer.offsetsForTimes(request));
    return found;
  }
}
