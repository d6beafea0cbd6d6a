package io.fluxgate.processor.fanout;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Routes each event to every subscription whose patterns match its type and whose filter (if any)
 * matches it, once per subscription.
 *
 * <p>Routing reads the {@link PlatformTopics#EVENT_TYPE_HEADER} header; the Avro value is passed
 * through as bytes, never re-encoded, and decoded only when a matched subscription has a filter
 * ({@link FilterEvaluator}). Events past their TTL are not routed. A subscription receives live
 * records only once its {@link SubscriptionCursors cursor} on the record's partition is live;
 * before that, the catch-up delivers its earlier events in order. A {@code drop_newest}
 * subscription whose queue is full gets neither live nor caught-up events ({@link
 * DropNewestQueues}): catch-up fills the same queue.
 *
 * <p>Under at-least-once the router writes its copies with its stream thread's producer ({@link
 * CopyProducer}, found through {@link FanOutClients}); otherwise (exactly-once, whose copies belong
 * to the thread's transaction, or without {@link FanOutClients}) it forwards them to the sink.
 */
final class FanOutProcessor implements Processor<byte[], byte[], byte[], byte[]> {
  private final List<String> eventTopics;
  private final SubscriptionRoutes routes;
  private final FanOutMetrics metrics;
  private final CatchUpConfig catchUp;
  private final FilterEvaluator filters;
  private final DropNewestQueues queues;
  private final FanOutClients clients;
  private ProcessorContext<byte[], byte[]> context;
  private SubscriptionCursors cursors;

  /** The stream thread's producer the router writes copies with; null: through the sink. */
  private CopyProducer producer;

  FanOutProcessor(
      List<String> eventTopics,
      SubscriptionRoutes routes,
      FanOutMetrics metrics,
      CatchUpConfig catchUp,
      EventCodec codec,
      DropNewestQueues queues,
      FanOutClients clients) {
    this.eventTopics = List.copyOf(eventTopics);
    this.queues = queues;
    this.clients = clients;
    this.routes = routes;
    this.metrics = metrics;
    this.catchUp = catchUp;
    this.filters = new FilterEvaluator(codec, metrics);
  }

  @Override
  public void init(ProcessorContext<byte[], byte[]> context) {
    this.context = context;
    // Kafka Streams initializes and runs a task's processors on the stream thread that owns it.
    producer = clients == null ? null : clients.copyProducerOf(Thread.currentThread().getName());
    KeyValueStore<String, byte[]> store = context.getStateStore(FanOutTopology.SUBSCRIPTION_STORE);
    // The global store may have been restored without passing through the updater.
    routes.rebuild(store);
    String clientId = context.applicationId() + "-" + context.taskId() + "-catch-up";
    cursors =
        new SubscriptionCursors(
            context.getStateStore(FanOutTopology.CURSOR_STORE),
            catchUp,
            () -> catchUp.readerFactory().create(context.appConfigs(), clientId),
            () -> catchUp.committedOffsetsFactory().create(context.appConfigs(), clientId),
            this::forwardCaughtUp,
            context::currentSystemTimeMs,
            CatchUpShare.of(catchUp));
    cursors.dropDeleted(routes.table());
    // A task reads the same partition number of every event topic (a topic with fewer partitions
    // has no records there, and its partition is never caught up).
    int partition = context.taskId().partition();
    cursors.own(eventTopics.stream().map(topic -> new TopicPartition(topic, partition)).toList());
    // Finishes catch-ups on partitions that receive no new records, also after a restart.
    context.schedule(
        catchUp.punctuationInterval(),
        PunctuationType.WALL_CLOCK_TIME,
        now -> cursors.punctuate(routes.table()));
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.received();
    // One snapshot per record: the subscriptions matched are the ones whose cursors were checked.
    RoutingTable table = routes.table();
    RecordMetadata source =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("the fan-out reads source topics only"));
    PartitionCursors partition =
        cursors.beforeLiveRecord(table, source.topic(), source.partition(), source.offset());
    String eventType = EventHeaders.eventType(record.headers());
    if (eventType == null) {
      metrics.unroutable();
      return;
    }
    if (EventHeaders.isExpired(record.headers(), context.currentSystemTimeMs())) {
      metrics.expired();
      return;
    }
    int copies = 0;
    for (String subscriptionId : table.match(eventType)) {
      if (partition.isLive(subscriptionId)
          && startedBefore(table, subscriptionId, record.timestamp())
          && filters.accepts(table, subscriptionId, record.value())
          && queues.admit(table.subscription(subscriptionId))) {
        forward(subscriptionId, record);
        copies++;
      }
    }
    metrics.routed(copies);
  }

  private void forwardCaughtUp(String subscriptionId, Record<byte[], byte[]> event) {
    RoutingTable table = routes.table();
    Subscription subscription = table.subscription(subscriptionId);
    if (!startedBefore(table, subscriptionId, event.timestamp())
        || !filters.accepts(table, subscriptionId, event.value())
        || (subscription != null && !queues.admit(subscription))) {
      return;
    }
    forward(subscriptionId, event);
    metrics.caughtUp();
  }

  /**
   * Whether the subscription's start admits an event stamped {@code timestamp}. The start offsets
   * of a start time are the first records at or after it, but timestamps need not grow with offsets
   * (a producer may stamp its records), so older events past those offsets are left out here.
   */
  private static boolean startedBefore(RoutingTable table, String subscriptionId, long timestamp) {
    Subscription subscription = table.subscription(subscriptionId);
    return subscription == null || subscription.start().admits(timestamp);
  }

  private void forward(String subscriptionId, Record<byte[], byte[]> event) {
    Headers headers = EventHeaders.forSubscription(event.headers(), subscriptionId);
    if (producer == null) {
      context.forward(event.withHeaders(headers));
      return;
    }
    // What the sink would write: the same topic, key, value, timestamp and headers, and the
    // producer's default partitioner over the key.
    producer.sendCopy(
        new ProducerRecord<>(
            PlatformTopics.subscriptionTopic(subscriptionId),
            null,
            event.timestamp(),
            event.key(),
            event.value(),
            headers));
    metrics.writtenByRouter();
  }

  @Override
  public void close() {
    if (cursors != null) {
      cursors.close();
    }
  }
}
