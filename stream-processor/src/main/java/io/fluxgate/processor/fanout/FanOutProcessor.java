package io.fluxgate.processor.fanout;

import io.fluxgate.core.topic.PlatformTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routes each event to every subscription whose patterns match its type, once per subscription.
 *
 * <p>Routing reads only the {@link PlatformTopics#EVENT_TYPE_HEADER} header: the Avro value is
 * passed through as bytes, never decoded and re-encoded. Events past their TTL are not routed.
 */
final class FanOutProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final SubscriptionRoutes routes;
  private final FanOutMetrics metrics;
  private ProcessorContext<byte[], byte[]> context;

  FanOutProcessor(SubscriptionRoutes routes, FanOutMetrics metrics) {
    this.routes = routes;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    KeyValueStore<String, byte[]> store = context.getStateStore(FanOutTopology.SUBSCRIPTION_STORE);
    // The global store may have been restored without passing through the updater.
    routes.rebuild(store);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.received();
    String eventType = eventType(record.headers());
    if (eventType == null) {
      metrics.unroutable();
      return;
    }
    if (isExpired(record.headers(), context.currentSystemTimeMs())) {
      metrics.expired();
      return;
    }
    Set<String> targets = routes.match(eventType);
    for (String subscriptionId : targets) {
      Headers headers = new RecordHeaders(record.headers().toArray());
      headers.remove(PlatformTopics.SUBSCRIPTION_HEADER);
      headers.add(
          PlatformTopics.SUBSCRIPTION_HEADER, subscriptionId.getBytes(StandardCharsets.UTF_8));
      context.forward(record.withHeaders(headers));
    }
    metrics.routed(targets.size());
  }

  private static String eventType(Headers headers) {
    Header header = headers.lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
    if (header == null || header.value() == null || header.value().length == 0) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static boolean isExpired(Headers headers, long nowMs) {
    Header header = headers.lastHeader(PlatformTopics.EXPIRES_AT_HEADER);
    if (header == null || header.value() == null || header.value().length != Long.BYTES) {
      return false;
    }
    return ByteBuffer.wrap(header.value()).getLong() <= nowMs;
  }
}
