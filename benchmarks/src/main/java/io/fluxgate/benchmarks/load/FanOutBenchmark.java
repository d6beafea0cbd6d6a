package io.fluxgate.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxgate.core.topic.PlatformTopics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The fan-out's throughput with many subscriptions: creates {@code --subscriptions} subscriptions
 * of mixed patterns ({@link PatternSet}) over HTTP, waits until the fan-out routes them, then
 * writes gateway-format records ({@link WireEvents}) straight to the events topic with a raw
 * producer and measures, over the same window, what the producer got acknowledged (the ceiling),
 * how far the fan-out's consumer group committed on the events topic (events in) and how far the
 * subscription topics grew (records out). With {@code --drain} it then stops producing and measures
 * the fan-out alone as it works off its lag; {@code --runs} repeats the measurement and summarises.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fluxgate.benchmarks.load.FanOutBenchmark \
 *     --gateway http://127.0.0.1:8080 --bootstrap-servers 127.0.0.1:9092 \
 *     --subscriptions 100 --warmup 10s --duration 30s
 * </pre>
 */
@Command(
    name = "fan-out-benchmark",
    mixinStandardHelpOptions = true,
    description = "Fan-out throughput (events/s in) with many subscriptions of mixed patterns.")
public final class FanOutBenchmark implements Callable<Integer> {
  /** The Kafka Streams application id of the fan-out: its consumer group. */
  static final String FAN_OUT_GROUP = "fluxgate-fanout";

  private static final int POOL_PER_TYPE = 50;
  private static final Duration ROUTES_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration CEILING_WARMUP = Duration.ofSeconds(3);

  /**
   * What the ceiling's raw producers take from the fan-out's producer ({@code
   * FanOutService.streamsConfig}, its {@code producer.} settings), in the order the report prints
   * them; {@code acks=all} comes with {@link EventsProducer}. {@code FanOutCeilingTuningTest} keeps
   * the two equal.
   */
  public static final Map<String, String> CEILING_TUNING = ceilingTuning();

  /** How often the drain reads the offsets; the fan-out commits every 100 ms. */
  private static final Duration DRAIN_POLL = Duration.ofMillis(100);

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka of the platform (default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(
      names = "--subscriptions",
      defaultValue = "100",
      description = "subscriptions of mixed patterns (default: ${DEFAULT-VALUE})")
  int subscriptions;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "events/s produced; 0 = flat out (default: ${DEFAULT-VALUE})")
  long rate;

  @Option(
      names = "--max-queue-size",
      defaultValue = "10000000",
      description =
          "max_queue_size of every subscription, policy drop_oldest (default: ${DEFAULT-VALUE})")
  long maxQueueSize;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      converter = LoadGenerator.DurationConverter.class,
      description = "unmeasured time before the measurement (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = LoadGenerator.DurationConverter.class,
      description = "measured time (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--drain",
      description =
          "after each window, stop producing and measure the fan-out draining its lag alone")
  boolean drain;

  @Option(
      names = "--drain-timeout",
      defaultValue = "120s",
      converter = LoadGenerator.DurationConverter.class,
      description = "longest drain measured (default: ${DEFAULT-VALUE})")
  Duration drainTimeout;

  @Option(
      names = "--ceiling",
      defaultValue = "0s",
      converter = LoadGenerator.DurationConverter.class,
      description =
          "after each window (and drain), measure a raw producer writing the same copies to the"
              + " subscription topics for this long: the fan-out's ceiling (default: off)")
  Duration ceiling;

  @Option(
      names = "--ceiling-producers",
      defaultValue = "1",
      description =
          "raw producers (each its own connection) writing the copies for --ceiling; more than one"
              + " checks that one connection does not cap it (default: ${DEFAULT-VALUE})")
  int ceilingProducers;

  @CommandLine.Mixin RunOptions options = new RunOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One fan-out run. */
  public record Settings(
      URI gateway,
      String bootstrapServers,
      int subscriptions,
      int eventBytes,
      long rate,
      long maxQueueSize,
      Duration warmup,
      Duration duration,
      boolean drain,
      Duration drainTimeout,
      Duration ceiling,
      int ceilingProducers) {
    /** Without a drain or ceiling measurement. */
    public Settings(
        URI gateway,
        String bootstrapServers,
        int subscriptions,
        int eventBytes,
        long rate,
        long maxQueueSize,
        Duration warmup,
        Duration duration) {
      this(
          gateway,
          bootstrapServers,
          subscriptions,
          eventBytes,
          rate,
          maxQueueSize,
          warmup,
          duration,
          false,
          DEFAULT_DRAIN_TIMEOUT,
          Duration.ZERO,
          1);
    }

    public Settings {
      if (subscriptions < 1 || eventBytes < 1 || rate < 0 || maxQueueSize < 1) {
        throw new IllegalArgumentException(
            "subscriptions, event bytes and max queue size must be positive, rate not negative");
      }
      if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
        throw new IllegalArgumentException("duration must be positive and warmup not negative");
      }
      if (drainTimeout.isNegative() || drainTimeout.isZero()) {
        throw new IllegalArgumentException("drain timeout must be positive");
      }
      if (ceiling.isNegative()) {
        throw new IllegalArgumentException("ceiling must not be negative");
      }
      if (ceilingProducers < 1) {
        throw new IllegalArgumentException("ceiling producers must be positive");
      }
    }

    /** The same settings with another warm-up (later runs of {@code --runs} have none). */
    public Settings withWarmup(Duration newWarmup) {
      return new Settings(
          gateway,
          bootstrapServers,
          subscriptions,
          eventBytes,
          rate,
          maxQueueSize,
          newWarmup,
          duration,
          drain,
          drainTimeout,
          ceiling,
          ceilingProducers);
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FanOutBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int runs = options.runs(spec);
    List<FanOutReport> reports =
        run(
            new Settings(
                options.gateway,
                bootstrapServers,
                subscriptions,
                options.eventBytes,
                rate,
                maxQueueSize,
                warmup,
                duration,
                drain,
                drainTimeout,
                ceiling,
                ceilingProducers),
            runs);
    RunsReport report = new RunsReport(reports);
    options.print(spec, report);
    return 0;
  }

  /** One run: {@link #run(Settings, int)} with one measured window. */
  public static FanOutReport run(Settings settings) throws Exception {
    return run(settings, 1).get(0);
  }

  /**
   * Subscribes, waits for the routes, then measures {@code runs} windows (the warm-up only before
   * the first; with a drain, each window is followed by its drain and the producer restarts for the
   * next), then deletes the subscriptions.
   */
  public static List<FanOutReport> run(Settings settings, int runs) throws Exception {
    if (runs < 1) {
      throw new IllegalArgumentException("runs must be at least 1: " + runs);
    }
    String prefix = "fanout.r" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    PatternSet patterns = PatternSet.mixed(prefix, settings.subscriptions());
    GatewayApi api = new GatewayApi(settings.gateway());
    WireEvents wire = new WireEvents(api.envelopeId(), settings.eventBytes());
    double expectedMatches =
        patterns.averageMatches(type -> wire.event(type, EventFactory.newId()));
    List<ProducerRecord<String, byte[]>> pool =
        wire.pool(
            WireEvents.EVENTS_TOPIC,
            patterns.eventTypes(),
            patterns.eventTypes().size() * POOL_PER_TYPE);

    List<String> ids = new ArrayList<>();
    try (KafkaOffsets offsets = new KafkaOffsets(settings.bootstrapServers());
        EventsProducer producer = new EventsProducer(settings.bootstrapServers(), pool)) {
      for (PatternSet.Spec subscription : patterns.subscriptions()) {
        ids.add(api.createSubscription(subscription.body("drop_oldest", settings.maxQueueSize())));
      }
      // Created last: subscriptions reach the fan-out in order through one partition, so once it
      // routes the sentinel it routes every subscription before it.
      String sentinel =
          api.createSubscription(
              new PatternSet.Spec("fanout-bench-sentinel", List.of(patterns.sentinelType()), null)
                  .body("drop_oldest", settings.maxQueueSize()));
      ids.add(sentinel);
      awaitRoutes(api, producer, wire, patterns.sentinelType(), sentinel);

      List<String> topics = ids.stream().map(PlatformTopics::subscriptionTopic).toList();
      List<ProducerRecord<String, byte[]>> copies =
          settings.ceiling().isZero() ? List.of() : copies(pool, patterns, wire, ids);
      List<FanOutReport> reports = new ArrayList<>();
      boolean producing = false;
      for (int run = 0; run < runs; run++) {
        if (!producing) {
          producer.start(settings.rate());
          producing = true;
        }
        if (run == 0) {
          TimeUnit.MILLISECONDS.sleep(settings.warmup().toMillis());
        }
        long errorsBefore = producer.failed();
        Snapshot start = Snapshot.take(producer, offsets, topics);
        TimeUnit.MILLISECONDS.sleep(settings.duration().toMillis());
        Snapshot end = Snapshot.take(producer, offsets, topics);
        FanOutReport.Drain drained = null;
        if (settings.drain() || run == runs - 1) {
          producer.stop();
          producing = false;
        }
        if (settings.drain()) {
          drained = drain(offsets, topics, settings.drainTimeout());
        }
        FanOutReport.Ceiling ceiling =
            copies.isEmpty()
                ? null
                : ceiling(settings, copies, (double) copies.size() / pool.size());
        reports.add(
            new FanOutReport(
                run == 0 ? settings : settings.withWarmup(Duration.ZERO),
                prefix,
                expectedMatches,
                (end.nanos - start.nanos) / 1e9,
                end.acked - start.acked,
                end.in - start.in,
                end.out - start.out,
                end.written - end.in,
                producer.failed() - errorsBefore,
                drained,
                ceiling));
      }
      return reports;
    } finally {
      for (String id : ids) {
        api.deleteSubscription(id);
      }
    }
  }

  /**
   * With the producer stopped (and flushed), reads the fan-out's committed offsets on the events
   * topic every 100 ms until they reach the topic's end or {@code timeout} passes; the drain ends
   * at the first read that sees no lag.
   */
  private static FanOutReport.Drain drain(
      KafkaOffsets offsets, List<String> topics, Duration timeout) throws Exception {
    Snapshot start = Snapshot.take(null, offsets, topics);
    long deadline = start.nanos + timeout.toNanos();
    // The polls read only the fan-out's commits and the events topic's end: reading the ends of
    // every subscription topic ten times a second would load the broker the fan-out writes to.
    Snapshot now = start;
    while (now.written - now.in > 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(DRAIN_POLL.toMillis());
      now = Snapshot.take(null, offsets, List.of());
    }
    long out = offsets.endOffsets(topics);
    long lag = now.written - now.in;
    return new FanOutReport.Drain(
        (now.nanos - start.nanos) / 1e9,
        now.in - start.in,
        out - start.out,
        start.written - start.in,
        lag,
        lag <= 0);
  }

  /**
   * The copies the fan-out writes for {@code pool}: each event record once per subscription it
   * matches (by core's matcher and filters), to that subscription's topic with the same key, value
   * and headers plus the subscription header, as the fan-out forwards it.
   */
  static List<ProducerRecord<String, byte[]>> copies(
      List<ProducerRecord<String, byte[]>> pool,
      PatternSet patterns,
      WireEvents wire,
      List<String> subscriptionIds) {
    Map<String, List<String>> matching = new HashMap<>();
    for (String type : patterns.eventTypes()) {
      matching.put(
          type,
          patterns.matching(wire.event(type, EventFactory.newId())).stream()
              .map(subscriptionIds::get)
              .toList());
    }
    List<ProducerRecord<String, byte[]>> copies = new ArrayList<>();
    for (ProducerRecord<String, byte[]> event : pool) {
      String type =
          new String(
              event.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER).value(),
              StandardCharsets.UTF_8);
      for (String id : matching.getOrDefault(type, List.of())) {
        RecordHeaders headers = new RecordHeaders(event.headers().toArray());
        headers.add(PlatformTopics.SUBSCRIPTION_HEADER, id.getBytes(StandardCharsets.UTF_8));
        copies.add(
            new ProducerRecord<>(
                PlatformTopics.subscriptionTopic(id),
                null,
                null,
                event.key(),
                event.value(),
                headers));
      }
    }
    return copies;
  }

  /**
   * Raw producers ({@code --ceiling-producers}, each with its own connection), batching like the
   * fan-out's ({@link #CEILING_TUNING}, {@code acks=all}), write {@code copies} round and round
   * flat out: after {@link #CEILING_WARMUP}, what they get acknowledged over the settings' ceiling
   * duration is the most copies this broker takes with the same partitions and records, without the
   * reading and routing the fan-out also does.
   */
  private static FanOutReport.Ceiling ceiling(
      Settings settings, List<ProducerRecord<String, byte[]>> copies, double copiesPerEvent)
      throws Exception {
    List<EventsProducer> producers = new ArrayList<>();
    try {
      for (int i = 0; i < settings.ceilingProducers(); i++) {
        producers.add(
            new EventsProducer(
                settings.bootstrapServers(), copies, Map.<String, Object>copyOf(CEILING_TUNING)));
      }
      for (EventsProducer producer : producers) {
        producer.start(0);
      }
      TimeUnit.MILLISECONDS.sleep(CEILING_WARMUP.toMillis());
      long start = System.nanoTime();
      long ackedBefore = acked(producers);
      TimeUnit.MILLISECONDS.sleep(settings.ceiling().toMillis());
      long acked = acked(producers) - ackedBefore;
      double seconds = (System.nanoTime() - start) / 1e9;
      long errors = 0;
      for (EventsProducer producer : producers) {
        producer.stop();
        errors += producer.failed();
      }
      return new FanOutReport.Ceiling(seconds, acked, copiesPerEvent, errors, producers.size());
    } finally {
      for (EventsProducer producer : producers) {
        producer.close();
      }
    }
  }

  private static Map<String, String> ceilingTuning() {
    Map<String, String> tuning = new LinkedHashMap<>();
    tuning.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    tuning.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return Collections.unmodifiableMap(tuning);
  }

  private static long acked(List<EventsProducer> producers) {
    return producers.stream().mapToLong(EventsProducer::acked).sum();
  }

  /** Sends a sentinel event every 250 ms until the sentinel subscription has received one. */
  private static void awaitRoutes(
      GatewayApi api, EventsProducer producer, WireEvents wire, String type, String sentinel)
      throws Exception {
    long deadline = System.nanoTime() + ROUTES_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      producer.sendOne(wire.record(WireEvents.EVENTS_TOPIC, type, EventFactory.newId()));
      TimeUnit.MILLISECONDS.sleep(250);
      JsonNode stats = api.stats(sentinel);
      if (stats.path("total_received").asLong() > 0) {
        return;
      }
    }
    throw new IllegalStateException("the fan-out did not route the subscriptions within 60 s");
  }

  /**
   * The counters at one instant: acknowledged (0 without a producer), fan-out committed, events
   * written, copies out.
   */
  private record Snapshot(long nanos, long acked, long in, long written, long out) {
    static Snapshot take(EventsProducer producer, KafkaOffsets offsets, List<String> topics)
        throws Exception {
      long nanos = System.nanoTime();
      long acked = producer == null ? 0 : producer.acked();
      long in = offsets.committed(FAN_OUT_GROUP, WireEvents.EVENTS_TOPIC);
      long written = offsets.endOffsets(List.of(WireEvents.EVENTS_TOPIC));
      long out = offsets.endOffsets(topics);
      return new Snapshot(nanos, acked, in, written, out);
    }
  }
}
