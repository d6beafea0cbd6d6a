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
    if (exception instanceof UnknownTopicOrPartitionException
        && record.topic().startsWith(PlatformTopics.SUBSCRIPTION_TOPIC_PREFIX)) {
      LOG.debug("Subscription topic {} is gone; copy skipped", record.topic());
      return Response.resume();
    }
    return Response.fail();
  }

  @Override
  public void configure(Map<String, ?> configs) {}
}
