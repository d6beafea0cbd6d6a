package io.fluxgate.processor.fanout;

import io.fluxgate.core.topic.PlatformTopics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Skips a copy whose subscription topic was deleted while the copy was in flight (the subscription
 * was deleted; nobody will read it) and fails on every other production error, so that no event is
 * silently lost.
 */
public final class SubscriptionTopicGoneHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionTopicGoneHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (record.topic().startsWith(PlatformTopics.SUBSCRIPTION_TOPIC_PREFIX)
        && brokerSaysTopicIsUnknown(exception)) {
      LOG.warn(
          "Subscription topic {} does not exist (subscription deleted?); copy skipped",
          record.topic());
      return Response.resume();
    }
    return Response.fail();
  }

  /**
   * The producer reports a missing topic as a metadata timeout whose cause is the broker's
   * UNKNOWN_TOPIC_OR_PARTITION; a plain timeout (broker unreachable) is not a missing topic and
   * must fail, so that the copy is retried instead of dropped.
   */
  static boolean brokerSaysTopicIsUnknown(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownTopicOrPartitionException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
