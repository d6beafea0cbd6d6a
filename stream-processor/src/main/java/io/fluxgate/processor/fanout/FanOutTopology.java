package io.fluxgate.processor.fanout;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import io.fluxgate.core.event.EventLimits;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.processor.topology.TimelineTopology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The fan-out router: reads the catalog's event topics and writes each event to {@code
 * fluxgate.sub.<id>} of every subscription whose patterns match its type and whose filter, if it
 * has one, matches the event.
 *
 * <pre>{@code
 * SubscriptionRoutes routes = new SubscriptionRoutes();
 * EventCodec codec = new EventCodec(registry::writerSchema);
 * Topology topology =
 *     FanOutTopology.buildTopology(
 *         List.of("events"), routes, new FanOutMetrics(), CatchUpConfig.defaults(), codec);
 * }</pre>
 *
 * <p>Subscriptions come from the compacted {@link PlatformTopics#SUBSCRIPTIONS} topic through a
 * global store, so every instance routes for every subscription and changes apply without a
 * restart. Each task keeps a cursor per subscription and partition in {@link #CURSOR_STORE}, so a
 * subscription starts exactly at its start offsets however late the task learns about it, and
 * catches up even on partitions that get no new event after the task (re)started. Keys and values
 * are passed through as bytes: order per key is kept because the output record keeps the input key.
 *
 * <p>The fan-out also feeds the correlation timelines, since it reads every event anyway: events
 * with the {@link PlatformTopics#CORRELATION_ID_HEADER} header go to {@link
 * PlatformTopics#CORRELATED} ({@link TimelineTopology#correlatedFeed}), in the same transaction as
 * the subscription copies under exactly-once. The others cost a header lookup.
 *
 * <p>Copies go through the {@link #SINK} under exactly-once (in the stream thread's transaction)
 * and whenever the fan-out runs without {@link FanOutClients} (e.g. in a {@code
 * TopologyTestDriver}). Run with {@link FanOutClients} under at-least-once, the router writes them
 * with its stream thread's producer, which Kafka Streams flushes before each commit: the same
 * records without the sink's cost per copy. A fan-out built without a schema registry (the
 * overloads without a codec) does not feed the timelines.
 */
public final class FanOutTopology {

  public static final String APPLICATION_ID = "fluxgate-fanout";
  public static final String SUBSCRIPTION_STORE = "fluxgate-subscriptions";
  public static final String CURSOR_STORE = "fluxgate-fanout-cursors";

  static final String EVENTS_SOURCE = "events-source";
  static final String SUBSCRIPTIONS_SOURCE = "subscriptions-source";
  static final String SUBSCRIPTIONS_UPDATER = "subscriptions-updater";
  static final String ROUTER = "fan-out-router";
  static final String SINK = "subscription-sink";
  static final String CORRELATED_FEED = "correlated-feed";
  static final String CORRELATED_SINK = "correlated-sink";

  /** Renders the correlated events' JSON (its clock, for parsing only, is never read). */
  private static final EventJson EVENT_JSON =
      new EventJson(EventLimits.defaults(), Clock.systemUTC());

  /**
   * A codec for fan-outs built without a registry: decoding (needed only by a subscription with a
   * filter) fails loudly instead of silently routing nothing.
   */
  static final EventCodec NO_REGISTRY =
      new EventCodec(
          id -> {
            throw new IllegalStateException(
                "the fan-out was built without a schema registry and cannot apply filters");
          });

  private FanOutTopology() {}

  /** A fan-out for subscriptions without filters. */
  public static Topology buildTopology(
      Collection<String> eventTopics, SubscriptionRoutes routes, FanOutMetrics metrics) {
    return buildTopology(eventTopics, routes, metrics, CatchUpConfig.defaults(), NO_REGISTRY);
  }

  /** A fan-out for subscriptions without filters, with another catch-up configuration. */
  public static Topology buildTopology(
      Collection<String> eventTopics,
      SubscriptionRoutes routes,
      FanOutMetrics metrics,
      CatchUpConfig catchUp) {
    return buildTopology(eventTopics, routes, metrics, catchUp, NO_REGISTRY);
  }

  /**
   * The fan-out without {@code drop_newest} bounds; {@code codec} decodes events for subscription
   * filters and the timelines' feed (e.g. a catch-up reader that needs no broker and a codec over
   * an in-memory registry in tests).
   */
  public static Topology buildTopology(
      Collection<String> eventTopics,
      SubscriptionRoutes routes,
      FanOutMetrics metrics,
      CatchUpConfig catchUp,
      EventCodec codec) {
    return buildTopology(eventTopics, routes, metrics, catchUp, codec, DropNewestQueues.UNBOUNDED);
  }

  /**
   * The fan-out writing every copy through its sink; {@code queues} keeps the queues of {@code
   * drop_newest} subscriptions at their bound (shared by every task of this instance).
   */
  public static Topology buildTopology(
      Collection<String> eventTopics,
      SubscriptionRoutes routes,
      FanOutMetrics metrics,
      CatchUpConfig catchUp,
      EventCodec codec,
      DropNewestQueues queues) {
    return buildTopology(eventTopics, routes, metrics, catchUp, codec, queues, null);
  }

  /**
   * The fan-out to run with {@code clients} as its {@link KafkaClientSupplier}: under at-least-once
   * the router writes copies with its stream thread's producer (null {@code clients}: every copy
   * through the sink).
   */
  public static Topology buildTopology(
      Collection<String> eventTopics,
      SubscriptionRoutes routes,
      FanOutMetrics metrics,
      CatchUpConfig catchUp,
      EventCodec codec,
      DropNewestQueues queues,
      FanOutClients clients) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(queues, "queues");
    Objects.requireNonNull(routes, "routes");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(catchUp, "catchUp");
    if (eventTopics.isEmpty()) {
      throw new IllegalArgumentException("the fan-out needs at least one event topic");
    }
    Topology topology = new Topology();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(SUBSCRIPTION_STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled(),
        SUBSCRIPTIONS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        PlatformTopics.SUBSCRIPTIONS,
        SUBSCRIPTIONS_UPDATER,
        () -> new SubscriptionStoreUpdater(routes));
    topology.addSource(
        EVENTS_SOURCE,
        Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer(),
        eventTopics.toArray(String[]::new));
    List<String> topics = List.copyOf(eventTopics);
    topology.addProcessor(
        ROUTER,
        () -> new FanOutProcessor(topics, routes, metrics, catchUp, codec, queues, clients),
        EVENTS_SOURCE);
    // Logged, so that under exactly-once a cursor commits with the copies it accounts for.
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(CURSOR_STORE), Serdes.String(), Serdes.Long()),
        ROUTER);
    topology.addSink(
        SINK,
        subscriptionTopic(),
        Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer(),
        ROUTER);
    if (codec != NO_REGISTRY) {
      topology.addProcessor(
          CORRELATED_FEED, TimelineTopology.correlatedFeed(codec, EVENT_JSON), EVENTS_SOURCE);
      // The default partitioner over the String key: where the timelines' queries look for it.
      topology.addSink(
          CORRELATED_SINK,
          PlatformTopics.CORRELATED,
          Serdes.String().serializer(),
          Serdes.ByteArray().serializer(),
          CORRELATED_FEED);
    }
    return topology;
  }

  private static TopicNameExtractor<byte[], byte[]> subscriptionTopic() {
    return (key, value, context) -> {
      Header header = context.headers().lastHeader(PlatformTopics.SUBSCRIPTION_HEADER);
      return PlatformTopics.subscriptionTopic(new String(header.value(), StandardCharsets.UTF_8));
    };
  }
}
