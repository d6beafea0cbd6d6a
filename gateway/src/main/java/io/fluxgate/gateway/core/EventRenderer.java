package io.fluxgate.gateway.core;

import com.fasterxml.jackson.core.JsonGenerator;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJsonWriter;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.schemas.avro.UniversalEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription record as HTTP delivery hands it out: the event's contract JSON ({@link
 * EventJsonWriter}, written straight to a generator) with its {@code kafka} coordinates in the
 * subscription topic and its replay marks. Events past their TTL, and records that do not decode,
 * are not delivered.
 */
public final class EventRenderer {
  private static final Logger LOG = LoggerFactory.getLogger(EventRenderer.class);

  private final EventCodec codec;
  private final Clock clock;

  public EventRenderer(EventCodec codec, Clock clock) {
    this.codec = codec;
    this.clock = clock;
  }

  /** The record's event, or empty when it is expired or undecodable (logged). */
  public Optional<UniversalEvent> decode(ConsumerRecord<String, byte[]> record) {
    if (isExpired(record, clock.millis())) {
      return Optional.empty();
    }
    try {
      return Optional.of(codec.decode(record.value()));
    } catch (RuntimeException e) {
      skipped(record, e);
      return Optional.empty();
    }
  }

  /**
   * Writes {@code event}, decoded from {@code record}, as delivered: its JSON, then {@code kafka}
   * {topic, partition, offset}, the replay marks, and last what {@code extra} writes.
   */
  public void write(
      JsonGenerator g,
      ConsumerRecord<String, byte[]> record,
      UniversalEvent event,
      EventJsonWriter.ExtraFields extra)
      throws IOException {
    EventJsonWriter.write(
        g,
        event,
        generator -> {
          generator.writeObjectFieldStart("kafka");
          generator.writeStringField("topic", record.topic());
          generator.writeNumberField("partition", record.partition());
          generator.writeNumberField("offset", record.offset());
          generator.writeEndObject();
          markReplayed(generator, record);
          extra.write(generator);
        });
  }

  /** Logs a record left out of an answer because it could not be decoded. */
  public static void skipped(ConsumerRecord<String, byte[]> record, RuntimeException e) {
    LOG.warn(
        "Skipping undecodable record {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        e.getMessage());
  }

  /** Whether the record's event is past its TTL ({@code expires-at} header) at {@code nowMs}. */
  public static boolean isExpired(ConsumerRecord<String, byte[]> record, long nowMs) {
    Header header = record.headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER);
    return header != null
        && header.value() != null
        && header.value().length == Long.BYTES
        && ByteBuffer.wrap(header.value()).getLong() <= nowMs;
  }

  /**
   * Events copied by a replay say so, wherever they are delivered: {@code "replayed": true} and
   * their {@code "replay_id"}; live events carry neither.
   */
  static void markReplayed(JsonGenerator g, ConsumerRecord<String, byte[]> record)
      throws IOException {
    Header replay = record.headers().lastHeader(PlatformTopics.REPLAY_HEADER);
    if (replay != null && replay.value() != null) {
      g.writeBooleanField("replayed", true);
      g.writeStringField("replay_id", new String(replay.value(), StandardCharsets.UTF_8));
    }
  }
}
