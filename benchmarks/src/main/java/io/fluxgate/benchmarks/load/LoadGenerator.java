package io.fluxgate.benchmarks.load;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives a running gateway with events over keep-alive HTTP/1.1 connections, then the raw Kafka
 * producer with the same load as the baseline, and prints both with their ratios.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.fluxgate.benchmarks.load.LoadGenerator \
 *     --gateway http://127.0.0.1:8080 --bootstrap-servers 127.0.0.1:9092 \
 *     --connections 4 --batch 500 --duration 30s --warmup 10s --subscriber long-poll
 * </pre>
 */
@Command(
    name = "load-generator",
    mixinStandardHelpOptions = true,
    description = "HTTP load on the Fluxgate gateway, with the raw Kafka producer as the baseline.")
public final class LoadGenerator implements Callable<Integer> {

  @Option(
      names = "--connections",
      defaultValue = "4",
      description =
          "keep-alive connections, one sending thread each; also the baseline's concurrency (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(
      names = "--batch",
      defaultValue = "1",
      description =
          "events per request: 1 posts /v1/events, more posts /v1/events/batch (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description =
          "events/s over all connections, open loop; 0 = flat out (default: ${DEFAULT-VALUE})")
  long rate;

  @Option(
      names = "--warmup",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "unmeasured time before the measurement (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "measured time (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--subscriber",
      defaultValue = "none",
      converter = SubscriberConverter.class,
      description =
          "end-to-end latency through a subscription: none, long-poll or sse (default: ${DEFAULT-VALUE})")
  LoadSettings.SubscriberMode subscriber;

  @Option(
      names = "--bootstrap-servers",
      description = "Kafka of the platform, for the baseline; without it there is no baseline")
  String bootstrapServers;

  @Option(
      names = "--baseline-topic",
      defaultValue = "fluxgate.loadgen.baseline",
      description = "topic the baseline writes to (default: ${DEFAULT-VALUE})")
  String baselineTopic;

  @Option(
      names = "--baseline-producer",
      defaultValue = "gateway",
      converter = BaselineProducerConverter.class,
      description =
          "the baseline producer's tuning: gateway (the gateway publisher's linger.ms 2 and"
              + " batch.size 256 KiB) or kafka-defaults (default: ${DEFAULT-VALUE})")
  LoadSettings.BaselineProducer baselineProducer;

  @CommandLine.Mixin RunOptions options = new RunOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadGenerator()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoadSettings settings =
        new LoadSettings(
            options.gateway,
            connections,
            batch,
            options.eventBytes,
            rate,
            warmup,
            duration,
            subscriber,
            bootstrapServers,
            baselineTopic,
            baselineProducer);
    int runs = options.runs(spec);
    RunsReport report = new RunsReport(LoadRun.execute(settings, runs));
    options.print(spec, report);
    return 0;
  }

  /** {@code gateway} or {@code kafka-defaults}. */
  static final class BaselineProducerConverter
      implements CommandLine.ITypeConverter<LoadSettings.BaselineProducer> {
    @Override
    public LoadSettings.BaselineProducer convert(String value) {
      return switch (value) {
        case "gateway" -> LoadSettings.BaselineProducer.GATEWAY;
        case "kafka-defaults" -> LoadSettings.BaselineProducer.KAFKA_DEFAULTS;
        default ->
            throw new CommandLine.TypeConversionException(
                "expected gateway or kafka-defaults, was '" + value + "'");
      };
    }
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601 ({@code PT30S}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("pt")) {
        return Duration.parse(value);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new CommandLine.TypeConversionException("not a duration: " + value);
      };
    }
  }

  /** {@code none}, {@code long-poll}, {@code sse}. */
  static final class SubscriberConverter
      implements CommandLine.ITypeConverter<LoadSettings.SubscriberMode> {
    @Override
    public LoadSettings.SubscriberMode convert(String value) {
      try {
        return LoadSettings.SubscriberMode.valueOf(
            value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("expected none, long-poll or sse: " + value);
      }
    }
  }
}
