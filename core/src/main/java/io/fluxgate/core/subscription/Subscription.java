package io.fluxgate.core.subscription;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fluxgate.core.topic.PlatformTopics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored subscription: which event types (glob patterns) it receives and where it started.
 *
 * <p>Kept as JSON in the compacted {@link PlatformTopics#SUBSCRIPTIONS} topic, keyed by {@code id}.
 *
 * <p>{@code startOffsets} pins a {@code latest} subscription to the end offsets the gateway read
 * just before storing it, keyed by {@link #partitionKey(String, int)}: the fan-out then delivers
 * exactly the events at or after them, however late it learns about the subscription. It is empty
 * for {@code earliest} and for records written before start offsets existed.
 *
 * <p>{@code filter} is an optional CEL expression over each event (see {@code
 * io.fluxgate.core.filter.EventFilterCompiler}); the fan-out routes only the events it matches.
 *
 * <p>{@code paused} stops HTTP delivery without stopping the fan-out: the subscription's queue
 * keeps growing while it is set. Records written before it existed read as not paused.
 *
 * <p>{@code backpressure}, {@code max_queue_size} and {@code block_timeout_ms} are its flow control
 * ({@link Backpressure}); records written before they existed read as the defaults.
 *
 * <p>{@code ack_mode} and {@code ack_timeout_ms} say whether HTTP delivery waits for explicit
 * acknowledgements ({@link AckMode}); records written before they existed read as {@code auto}.
 */
@JsonPropertyOrder({
  "id",
  "name",
  "patterns",
  "start",
  "start_offsets",
  "created_at",
  "topic",
  "consumer_group",
  "filter",
  "paused",
  "backpressure",
  "max_queue_size",
  "block_timeout_ms",
  "ack_mode",
  "ack_timeout_ms"
})
public record Subscription(
    @JsonProperty("id") String id,
    @JsonProperty("name") String name,
    @JsonProperty("patterns") List<String> patterns,
    @JsonProperty("start") StartPosition start,
    @JsonProperty("start_offsets") Map<String, Long> startOffsets,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("filter") String filter,
    @JsonProperty("paused") boolean paused,
    @JsonProperty("backpressure") Backpressure backpressure,
    @JsonProperty("max_queue_size") Integer maxQueueSize,
    @JsonProperty("block_timeout_ms") Integer blockTimeoutMs,
    @JsonProperty("ack_mode") AckMode ackMode,
    @JsonProperty("ack_timeout_ms") Integer ackTimeoutMs) {

  public static final int DEFAULT_MAX_QUEUE_SIZE = 10_000;
  public static final int DEFAULT_BLOCK_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_ACK_TIMEOUT_MS = 30_000;

  public Subscription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patterns, "patterns");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(createdAt, "createdAt");
    patterns = List.copyOf(patterns);
    startOffsets = startOffsets == null ? Map.of() : Map.copyOf(startOffsets);
    backpressure = backpressure == null ? Backpressure.DROP_OLDEST : backpressure;
    maxQueueSize = maxQueueSize == null ? DEFAULT_MAX_QUEUE_SIZE : maxQueueSize;
    blockTimeoutMs = blockTimeoutMs == null ? DEFAULT_BLOCK_TIMEOUT_MS : blockTimeoutMs;
    ackMode = ackMode == null ? AckMode.AUTO : ackMode;
    ackTimeoutMs = ackTimeoutMs == null ? DEFAULT_ACK_TIMEOUT_MS : ackTimeoutMs;
  }

  /** A subscription acknowledged automatically ({@code ack_mode: auto}). */
  public Subscription(
      String id,
      String name,
      List<String> patterns,
      StartPosition start,
      Map<String, Long> startOffsets,
      Instant createdAt,
      String filter,
      boolean paused,
      Backpressure backpressure,
      Integer maxQueueSize,
      Integer blockTimeoutMs) {
    this(
        id,
        name,
        patterns,
        start,
        startOffsets,
        createdAt,
        filter,
        paused,
        backpressure,
        maxQueueSize,
        blockTimeoutMs,
        null,
        null);
  }

  /** A subscription with the default flow control ({@code drop_oldest}, 10000, 5000 ms). */
  public Subscription(
      String id,
      String name,
      List<String> patterns,
      StartPosition start,
      Map<String, Long> startOffsets,
      Instant createdAt,
      String filter,
      boolean paused) {
    this(id, name, patterns, start, startOffsets, createdAt, filter, paused, null, null, null);
  }

  /** A subscription without a filter, not paused. */
  public Subscription(
      String id,
      String name,
      List<String> patterns,
      StartPosition start,
      Map<String, Long> startOffsets,
      Instant createdAt) {
    this(id, name, patterns, start, startOffsets, createdAt, null, false);
  }

  /** This subscription, paused or not. */
  public Subscription withPaused(boolean paused) {
    return new Subscription(
        id,
        name,
        patterns,
        start,
        startOffsets,
        createdAt,
        filter,
        paused,
        backpressure,
        maxQueueSize,
        blockTimeoutMs,
        ackMode,
        ackTimeoutMs);
  }

  /** The key of one source partition in {@link #startOffsets()}: {@code "<topic>-<partition>"}. */
  public static String partitionKey(String topic, int partition) {
    return topic + "-" + partition;
  }

  /** The topic the fan-out writes this subscription's events to. */
  @JsonProperty("topic")
  public String topic() {
    return PlatformTopics.subscriptionTopic(id);
  }

  /** The consumer group the gateway uses to deliver this subscription over HTTP. */
  @JsonProperty("consumer_group")
  public String consumerGroup() {
    return PlatformTopics.subscriptionConsumerGroup(id);
  }
}
