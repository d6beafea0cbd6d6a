package io.fluxgate.processor;

import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.flow.QueueSizeReader;
import io.fluxgate.core.topic.TopicCatalog;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.processor.fanout.CatchUpConfig;
import io.fluxgate.processor.fanout.DropNewestAcks;
import io.fluxgate.processor.fanout.DropNewestQueues;
import io.fluxgate.processor.fanout.FanOutClients;
import io.fluxgate.processor.fanout.FanOutMetrics;
import io.fluxgate.processor.fanout.FanOutTopology;
import io.fluxgate.processor.fanout.SubscriptionRoutes;
import io.fluxgate.processor.fanout.SubscriptionTopicGoneHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link FanOutTopology} as its own Kafka Streams application, for the app lifecycle. */
public final class FanOutService implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(FanOutService.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final String READ_COMMITTED = "read_committed";

  private final Properties properties;
  private final TopicCatalog catalog;
  private final EventCodec codec;
  private final SubscriptionRoutes routes = new SubscriptionRoutes();
  private final FanOutMetrics metrics = new FanOutMetrics();
  private final DropNewestQueues queues;
  private KafkaStreams streams;

  /**
   * A fan-out that does not bound {@code drop_newest} queues.
   *
   * @param codec decodes events for subscription filters, with the registry's writer schemas
   */
  public FanOutService(Properties properties, TopicCatalog catalog, EventCodec codec) {
    this.properties = properties;
    this.catalog = catalog;
    this.codec = codec;
    this.queues = DropNewestQueues.UNBOUNDED;
  }

  /**
   * A fan-out that keeps {@code drop_newest} queues at their bound: it reads their sizes with
   * {@code queueSizes} every {@link DropNewestQueues#DEFAULT_INTERVAL} and records what it drops
   * with {@code dropped}.
   */
  public FanOutService(
      Properties properties,
      TopicCatalog catalog,
      EventCodec codec,
      QueueSizeReader queueSizes,
      DropNewestQueues.Counter dropped) {
    this.properties = properties;
    this.catalog = catalog;
    this.codec = codec;
    this.queues =
        new DropNewestQueues(
            () -> routes.table().subscriptions().values(),
            queueSizes,
            dropped,
            DropNewestQueues.DEFAULT_INTERVAL);
  }

  /**
   * Streams properties tuned for low-latency routing; {@code overrides} (the configuration's
   * pass-through map) win.
   */
  public static Properties streamsConfig(
      String bootstrapServers,
      String stateDir,
      String processingGuarantee,
      Map<String, String> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, FanOutTopology.APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    // Routing is stateless apart from the global store: commit often to keep redelivery small.
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    // A task reads the same partition of every event topic. Routing needs no order across
    // topics (each subscription keeps each topic partition's order), so a task never idles
    // waiting for an empty partition to fetch: lower latency, and Kafka Streams skips its
    // per-record lag check (a String.format per partition, 10 % of the fan-out's CPU in JFR).
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        SubscriptionTopicGoneHandler.class.getName());
    // Copies go to every subscription topic's partitions (100 subscriptions: 100 partitions with
    // the default of one per subscription topic), so a partition gets few records a millisecond and
    // the fan-out's cost is mostly per batch. With linger 1 ms most batches held one record and the
    // broker's per-batch append was the bottleneck; 5 ms more than doubled the fan-out's rate.
    // 10 ms halves the batches again (the producer's and the broker's cost is mostly per batch
    // and partition) for 5 ms more latency; drop_newest counts lingering copies until they are
    // acknowledged (DropNewestAcks), so the longer linger does not widen its bound
    // (docs/PERFORMANCE.md).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "10");
    // Copies of similar events compress well, and the broker keeps a batch as the producer
    // compressed it (subscription topics keep compression.type=producer). Fewer bytes to receive,
    // append and hand to subscribers outweigh LZ4's cheap compression: the fan-out drained a
    // third faster than uncompressed (docs/PERFORMANCE.md).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    // A deleted subscription topic must not stall the router for a minute.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_BLOCK_MS_CONFIG), "5000");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    // After a crash, the group waits this long for the dead member before reassigning its tasks.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Atomic batches are transactions: an aborted batch must never be routed. Kafka Streams only
    // reads committed data by itself under exactly-once, so ask for it under at-least-once too.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), READ_COMMITTED);
    // One event may be 1 MiB of JSON; the default 1 MB request would refuse its copy, and its JSON
    // for the timelines' feed may be larger than its Avro.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        Integer.toString(TopicProvisioner.MAX_MESSAGE_BYTES * 2));
    props.putAll(overrides);
    return props;
  }

  @Override
  public void start() {
    // Under at-least-once the router writes copies with its stream thread's producer.
    FanOutClients clients = new FanOutClients();
    streams =
        new KafkaStreams(
            FanOutTopology.buildTopology(
                catalog.topics(),
                routes,
                metrics,
                CatchUpConfig.defaults(),
                codec,
                queues,
                clients),
            // The drop_newest estimate counts a copy until its write settles.
            queues == DropNewestQueues.UNBOUNDED
                ? properties
                : DropNewestAcks.attach(properties, queues),
            clients);
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("Fan-out stream thread failed; replacing it", e);
          return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    queues.start();
    streams.start();
  }

  @Override
  public void stop() {
    if (streams != null) {
      // Leave the group: a restarted or replacing instance then gets its tasks at once instead of
      // waiting for this member's session to time out.
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(CLOSE_TIMEOUT));
    }
    queues.stop();
  }

  public KafkaStreams.State state() {
    return streams == null ? KafkaStreams.State.CREATED : streams.state();
  }

  public SubscriptionRoutes routes() {
    return routes;
  }

  public FanOutMetrics metrics() {
    return metrics;
  }
}
