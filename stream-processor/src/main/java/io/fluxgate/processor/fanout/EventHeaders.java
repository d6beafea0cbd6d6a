package io.fluxgate.processor.fanout;

import io.fluxgate.core.topic.PlatformTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers routing reads and writes, shared by the live path and the catch-up path so that both
 * route and expire events by the same rules.
 */
final class EventHeaders {

  private EventHeaders() {}

  /** The event type, or null for a record not written by a Fluxgate gateway. */
  static String eventType(Headers headers) {
    Header header = headers.lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
    if (header == null || header.value() == null || header.value().length == 0) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  static boolean isExpired(Headers headers, long nowMs) {
    Header header = headers.lastHeader(PlatformTopics.EXPIRES_AT_HEADER);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return false;
    }
    return ByteBuffer.wrap(header.value()).getLong() <= nowMs;
  }

  /** A copy of {@code headers} naming the subscription the copy is routed to. */
  static Headers forSubscription(Headers headers, String subscriptionId) {
    Headers copy = new RecordHeaders(headers.toArray());
    copy.remove(PlatformTopics.SUBSCRIPTION_HEADER);
    copy.add(PlatformTopics.SUBSCRIPTION_HEADER, subscriptionId.getBytes(StandardCharsets.UTF_8));
    return copy;
  }
}
