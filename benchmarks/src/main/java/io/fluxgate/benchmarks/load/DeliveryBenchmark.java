package io.fluxgate.benchmarks.load;

import io.fluxgate.core.topic.PlatformTopics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Delivery to one HTTP subscriber: fills one subscription's queue with {@code --events} events
 * (gateway-format records written straight to the events topic, routed by the fan-out), then drains
 * it over HTTP by long poll or server-sent events and measures events/s until every queued event
 * arrived. The baseline of the same run is a raw Kafka consumer reading the same subscription topic
 * from the beginning in its own group.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fluxgate.benchmarks.load.DeliveryBenchmark \
 *     --gateway http://127.0.0.1:8080 --bootstrap-servers 127.0.0.1:9092 \
 *     --events 500000 --mode long-poll
 * </pre>
 */
@Command(
    name = "delivery-benchmark",
    mixinStandardHelpOptions = true,
    description = "Delivery to one HTTP subscriber, with a raw Kafka consumer as the baseline.")
public final class DeliveryBenchmark implements Callable<Integer> {
  private static final int MAX_EVENTS = 1000;
  private static final int TIMEOUT_MS = 1000;
  private static final int MAX_QUEUE_SIZE = 10_000_000;
  private static final int POOL_SIZE = 1000;

  /** A drain or a fill that makes no progress for this long gives up. */
  private static final Duration STALL = Duration.ofSeconds(30);

  /** How the subscriber reads. */
  public enum Mode {
    LONG_POLL,
    SSE
  }

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka of the platform (default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(
      names = "--events",
      defaultValue = "500000",
      description = "events queued, then drained (default: ${DEFAULT-VALUE})")
  long events;

  @Option(
      names = "--mode",
      defaultValue = "long-poll",
      converter = ModeConverter.class,
      description = "long-poll or sse (default: ${DEFAULT-VALUE})")
  Mode mode;

  @Option(
      names = "--warmup-runs",
      defaultValue = "0",
      description =
          "runs before the measured ones, not reported: the JIT of the platform and of this"
              + " program is still compiling the delivery path during the first runs (default:"
              + " ${DEFAULT-VALUE})")
  int warmupRuns;

  @CommandLine.Mixin RunOptions options = new RunOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** One delivery run. */
  public record Settings(
      URI gateway, String bootstrapServers, long events, Mode mode, int eventBytes) {
    public Settings {
      if (events < 1 || events > MAX_QUEUE_SIZE) {
        throw new IllegalArgumentException("events must be 1.." + MAX_QUEUE_SIZE + ": " + events);
      }
      if (eventBytes < 1) {
        throw new IllegalArgumentException("eventBytes must be positive: " + eventBytes);
      }
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new DeliveryBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int runs = options.runs(spec);
    if (warmupRuns < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--warmup-runs must not be negative");
    }
    Settings settings =
        new Settings(options.gateway, bootstrapServers, events, mode, options.eventBytes);
    PrintWriter err = spec.commandLine().getErr();
    List<DeliveryReport> reports =
        measured(
            warmupRuns,
            runs,
            () -> run(settings),
            (i, warmup) -> {
              err.printf(
                  "warm-up run %d of %d: %,.0f events/s over HTTP%n",
                  i + 1, warmupRuns, warmup.http().eventsPerSecond());
              err.flush();
            });
    RunsReport report = new RunsReport(reports);
    options.print(spec, report);
    return 0;
  }

  /** Something done once per warm-up run with its report, which is not measured. */
  @FunctionalInterface
  interface WarmupListener {
    void warmedUp(int index, DeliveryReport report);
  }

  /**
   * Runs {@code warmups} runs, each handed to {@code listener}, then {@code runs} runs, whose
   * reports it returns.
   */
  static List<DeliveryReport> measured(
      int warmups, int runs, Callable<DeliveryReport> run, WarmupListener listener)
      throws Exception {
    for (int i = 0; i < warmups; i++) {
      listener.warmedUp(i, run.call());
    }
    List<DeliveryReport> reports = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      reports.add(run.call());
    }
    return reports;
  }

  /** Subscribes, fills the queue, drains it over HTTP, reads it raw, deletes the subscription. */
  public static DeliveryReport run(Settings settings) throws Exception {
    String run = "r" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4);
    String eventType = "delivery." + run + ".event";
    GatewayApi api = new GatewayApi(settings.gateway());
    WireEvents wire = new WireEvents(api.envelopeId(), settings.eventBytes());
    PatternSet.Spec spec = new PatternSet.Spec("delivery-bench-" + run, List.of(eventType), null);
    // start: latest pins the events topic's end before the 201, so every event produced after it
    // reaches the subscription even if the fan-out learns of it a moment later.
    String id = api.createSubscription(spec.body("drop_oldest", MAX_QUEUE_SIZE));
    String topic = PlatformTopics.subscriptionTopic(id);
    try (KafkaOffsets offsets = new KafkaOffsets(settings.bootstrapServers())) {
      long fillStart = System.nanoTime();
      try (EventsProducer producer =
          new EventsProducer(
              settings.bootstrapServers(),
              wire.pool(WireEvents.EVENTS_TOPIC, List.of(eventType), POOL_SIZE))) {
        producer.sendAndFlush(settings.events());
      }
      long queued = awaitQueued(offsets, topic, settings.events());
      double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

      Drain http =
          settings.mode() == Mode.SSE
              ? drainSse(settings.gateway(), id, queued)
              : drainLongPoll(settings.gateway(), id, queued);
      Drain raw = drainRaw(settings.bootstrapServers(), topic, run, queued);
      return new DeliveryReport(settings, eventType, queued, fillSeconds, http, raw);
    } finally {
      api.deleteSubscription(id);
    }
  }

  /** What one reader received and how long it took from its first request to the last event. */
  public record Drain(long received, double seconds) {
    public double eventsPerSecond() {
      return seconds > 0 ? received / seconds : 0;
    }
  }

  /** Waits until the fan-out has copied at least {@code events}; returns the topic's end. */
  private static long awaitQueued(KafkaOffsets offsets, String topic, long events)
      throws Exception {
    long last = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      long end = offsets.endOffsets(List.of(topic));
      if (end >= events) {
        return end;
      }
      if (end != last) {
        last = end;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new IllegalStateException(
            "the subscription queue stopped at " + end + " of " + events + " events");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  static Drain drainLongPoll(URI gateway, String id, long expected) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest poll =
        HttpRequest.newBuilder(
                gateway.resolve(
                    "/v1/subscriptions/"
                        + id
                        + "/events?max_events="
                        + MAX_EVENTS
                        + "&timeout_ms="
                        + TIMEOUT_MS))
            .GET()
            .build();
    long received = 0;
    long start = System.nanoTime();
    long lastProgress = start;
    long lastEvent = start;
    while (received < expected && System.nanoTime() - lastProgress < STALL.toNanos()) {
      HttpResponse<byte[]> response = client.send(poll, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IOException("long poll: HTTP " + response.statusCode());
      }
      int count = DeliveryCounter.countArray(response.body());
      if (count > 0) {
        received += count;
        lastProgress = lastEvent = System.nanoTime();
      }
    }
    return new Drain(received, (lastEvent - start) / 1e9);
  }

  static Drain drainSse(URI gateway, String id, long expected) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(
            HttpRequest.newBuilder(gateway.resolve("/v1/subscriptions/" + id + "/stream"))
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("stream: HTTP " + response.statusCode());
    }
    DeliveryCounter counter = new DeliveryCounter();
    long lastEvent = start;
    // The gateway sends a heartbeat comment every few seconds: a stalled stream still gives lines.
    try (InputStream body = response.body();
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long counted = 0;
      while (counter.messages() < expected
          && System.nanoTime() - lastEvent < STALL.toNanos()
          && (line = lines.readLine()) != null) {
        counter.line(line);
        if (counter.messages() != counted) {
          counted = counter.messages();
          lastEvent = System.nanoTime();
        }
      }
    }
    return new Drain(counter.messages(), (lastEvent - start) / 1e9);
  }

  static Drain drainRaw(String bootstrapServers, String topic, String run, long expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "delivery-bench-baseline-" + run,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      long start = System.nanoTime();
      consumer.subscribe(List.of(topic));
      long received = 0;
      long lastEvent = start;
      while (received < expected && System.nanoTime() - lastEvent < STALL.toNanos()) {
        int count = consumer.poll(Duration.ofMillis(500)).count();
        if (count > 0) {
          received += count;
          lastEvent = System.nanoTime();
        }
      }
      return new Drain(received, (lastEvent - start) / 1e9);
    }
  }

  /** {@code long-poll}, {@code sse}. */
  static final class ModeConverter implements CommandLine.ITypeConverter<Mode> {
    @Override
    public Mode convert(String value) {
      try {
        return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected long-poll or sse: " + value);
      }
    }
  }
}
