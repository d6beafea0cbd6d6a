package io.fluxgate.processor.fanout;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;

/**
 * Where a subscription starts on one source partition, the first time a task meets it there.
 *
 * <ul>
 *   <li>{@code earliest}: the log start ({@link #LOG_START}; the catch-up reader moves up to the
 *       first retained offset).
 *   <li>{@code latest} or a start time, with start offsets: the offset the gateway read; a
 *       partition missing from a non-empty map did not exist then, so all its events are newer: the
 *       log start. A start time without any offsets is the log start for the same reason.
 *   <li>no start offsets (records written before they existed): the offset at which the task first
 *       meets the subscription, which was the only behaviour then.
 * </ul>
 */
final class StartCursor {

  static final long LOG_START = 0L;

  private StartCursor() {}

  static long initial(Subscription subscription, String topic, int partition, long firstSeen) {
    if (subscription.start() == StartPosition.EARLIEST) {
      return LOG_START;
    }
    if (subscription.startOffsets().isEmpty()) {
      // A start time with no offsets: no event topic existed then, so every event is newer.
      return subscription.start().time().isPresent() ? LOG_START : firstSeen;
    }
    Long start = subscription.startOffsets().get(Subscription.partitionKey(topic, partition));
    return start == null ? LOG_START : start;
  }
}
