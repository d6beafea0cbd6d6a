package io.fluxgate.processor.fanout;

import io.fluxgate.core.topic.PlatformTopics;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.errors.StreamsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback of every copy a {@link CopyProducer} writes: it keeps the first failure until the
 * stream thread {@linkplain #rethrow() rethrows} it, by the rules of {@link
 * SubscriptionTopicGoneHandler} (a copy to a deleted subscription's topic is skipped; every other
 * failure fails the stream thread, so that no event is silently lost).
 *
 * <p>One instance serves all the copies of a producer, on its I/O thread: a successful write costs
 * one null check.
 */
final class CopyFailures implements Callback {
  private static final Logger LOG = LoggerFactory.getLogger(CopyFailures.class);

  private final AtomicReference<StreamsException> first = new AtomicReference<>();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception exception) {
    if (exception == null) {
      return;
    }
    // Kafka names the topic of a failed write too; without it, the failure cannot be excused.
    String topic = metadata == null ? null : metadata.topic();
    if (topic != null
        && topic.startsWith(PlatformTopics.SUBSCRIPTION_TOPIC_PREFIX)
        && SubscriptionTopicGoneHandler.brokerSaysTopicIsUnknown(exception)) {
      LOG.warn("Subscription topic {} does not exist (subscription deleted?); copy skipped", topic);
      return;
    }
    first.compareAndSet(
        null,
        new StreamsException(
            "The fan-out could not write a copy to "
                + topic
                + "; the events since its last commit will be routed again",
            exception));
  }

  /** Throws the first failure kept, if any: every later call throws it again. */
  void rethrow() {
    StreamsException failure = first.get();
    if (failure != null) {
      throw failure;
    }
  }
}
