package io.fluxgate.processor.topology;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.core.topology.AggregateSpec;
import io.fluxgate.core.topology.CorrelateSpec;
import io.fluxgate.core.topology.DeployedTopology;
import io.fluxgate.core.topology.TopologySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One deployed topology running on this instance as its own Kafka Streams application ({@code
 * application.id} = {@link PlatformTopics#topologyApplicationId}). A stream thread that fails is
 * replaced, unless {@value #MAX_FAILURES} failed within {@link #FAILURE_WINDOW}: then the client
 * shuts down and the topology is {@code failed} until it is redeployed or the processor restarts.
 */
final class TopologyRunner implements RunningTopologies.Running {
  private static final Logger LOG = LoggerFactory.getLogger(TopologyRunner.class);
  static final int MAX_FAILURES = 3;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /** The Kafka Streams task metric of records dropped, late ones past the grace among them. */
  static final String DROPPED_RECORDS = "dropped-records-total";

  private final DeployedTopology deployed;
  private final TopologyCounters counters = new TopologyCounters();
  private final KafkaStreams streams;
  private final Clock clock;
  private final FailureBudget failures = new FailureBudget(MAX_FAILURES, FAILURE_WINDOW);
  private volatile String lastError;
  private volatile boolean failed;

  TopologyRunner(
      DeployedTopology deployed,
      List<String> eventTopics,
      EventCodec codec,
      TopologyOutput output,
      Properties properties,
      Clock clock) {
    this.deployed = deployed;
    this.clock = clock;
    this.streams =
        new KafkaStreams(buildTopology(deployed.spec(), eventTopics, codec, output), properties);
    streams.setUncaughtExceptionHandler(this::onUncaught);
  }

  private Topology buildTopology(
      TopologySpec spec, List<String> eventTopics, EventCodec codec, TopologyOutput output) {
    if (spec instanceof AggregateSpec aggregate) {
      return AggregateTopology.buildTopology(aggregate, eventTopics, codec, output, counters);
    }
    return CorrelateTopology.buildTopology(
        (CorrelateSpec) spec, eventTopics, codec, output, counters);
  }

  /**
   * The Streams properties of a topology: {@code overrides} (the configuration's pass-through map)
   * win over these defaults.
   */
  static Properties streamsConfig(
      String name,
      String bootstrapServers,
      String stateDir,
      String processingGuarantee,
      Map<String, String> overrides) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, PlatformTopics.topologyApplicationId(name));
    props.put(StreamsConfig.CLIENT_ID_CONFIG, PlatformTopics.topologyApplicationId(name));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    // emit: updates means one result per change, not one per commit interval.
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        Integer.toString(TopicProvisioner.MAX_MESSAGE_BYTES));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "100");
    // The group's offsets are pinned at the deploy; a partition without one was created after it.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    props.putAll(overrides);
    return props;
  }

  private StreamThreadExceptionResponse onUncaught(Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    lastError = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (failures.exhaustedBy(clock.millis())) {
      failed = true;
      LOG.error("Topology {} failed {} times in a minute; stopping it", name(), MAX_FAILURES, e);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.error("Topology {} stream thread failed; replacing it", name(), e);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  void start() {
    streams.start();
  }

  /** Stops it and leaves the group, so that another instance takes its tasks at once. */
  void close() {
    streams.close(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(CLOSE_TIMEOUT));
  }

  /** Removes its local state; only once closed. */
  void cleanUp() {
    streams.cleanUp();
  }

  String name() {
    return deployed.name();
  }

  DeployedTopology deployed() {
    return deployed;
  }

  @Override
  public TopologySpec spec() {
    return deployed.spec();
  }

  @Override
  public KafkaStreams streams() {
    return streams;
  }

  TopologyCounters counters() {
    return counters;
  }

  /** The Kafka Streams state in lowercase, or {@code failed}. */
  String state() {
    return failed ? "failed" : streams.state().name().toLowerCase(Locale.ROOT);
  }

  String lastError() {
    return lastError;
  }

  long lateDropped() {
    double total = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
      if (DROPPED_RECORDS.equals(metric.getKey().name())
          && metric.getValue().metricValue() instanceof Number n) {
        total += n.doubleValue();
      }
    }
    return (long) total;
  }
}
