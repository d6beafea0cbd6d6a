package io.fluxgate.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.topic.PlatformTopics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription record as HTTP delivery hands it out: the event's JSON with its {@code kafka}
 * coordinates in the subscription topic. Events past their TTL, and records that do not decode, are
 * not delivered.
 */
public final class EventRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(EventRenderer.class);

  private final EventJson eventJson;
  private final EventCodec codec;
  private final Clock clock;

  public EventRenderer(EventJson eventJson, EventCodec codec, Clock clock) {
    this.eventJson = eventJson;
    this.codec = codec;
    this.clock = clock;
  }

  /** The record's event as JSON, or empty when it is expired or undecodable. */
  public Optional<ObjectNode> render(ConsumerRecord<String, byte[]> record) {
    if (isExpired(record, clock.millis())) {
      return Optional.empty();
    }
    try {
      ObjectNode json = eventJson.toJson(codec.decode(record.value()));
      ObjectNode kafka = json.putObject("kafka");
      kafka.put("topic", record.topic());
      kafka.put("partition", record.partition());
      kafka.put("offset", record.offset());
      markReplayed(json, record);
      return Optional.of(json);
    } catch (RuntimeException e) {
      LOG.warn(
          "Skipping undecodable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  private static boolean isExpired(ConsumerRecord<String, byte[]> record, long nowMs) {
    Header header = record.headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER);
    return header != null
        && header.value() != null
        && header.value().length == Long.BYTES
        && ByteBuffer.wrap(header.value()).getLong() <= nowMs;
  }

  /** Events copied by a replay say so, with the replay's id, wherever they are delivered. */
  static void markReplayed(ObjectNode json, ConsumerRecord<String, byte[]> record) {
    Header replay = record.headers().lastHeader(PlatformTopics.REPLAY_HEADER);
    if (replay != null && replay.value() != null) {
      json.put("replayed", true);
      json.put("replay_id", new String(replay.value(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
