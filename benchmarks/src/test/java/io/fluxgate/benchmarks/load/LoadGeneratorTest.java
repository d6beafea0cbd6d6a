package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadGeneratorTest {

  @Test
  void shouldParseTheOptions() {
    LoadGenerator generator = new LoadGenerator();
    new CommandLine(generator)
        .parseArgs(
            "--gateway",
            "http://localhost:9000",
            "--connections",
            "8",
            "--batch",
            "500",
            "--rate",
            "10000",
            "--warmup",
            "500ms",
            "--duration",
            "2m",
            "--subscriber",
            "long-poll",
            "--runs",
            "5",
            "--json");

    assertThat(generator.options.gateway.getPort()).isEqualTo(9000);
    assertThat(generator.connections).isEqualTo(8);
    assertThat(generator.batch).isEqualTo(500);
    assertThat(generator.rate).isEqualTo(10_000);
    assertThat(generator.warmup).isEqualTo(Duration.ofMillis(500));
    assertThat(generator.duration).isEqualTo(Duration.ofMinutes(2));
    assertThat(generator.subscriber).isEqualTo(LoadSettings.SubscriberMode.LONG_POLL);
    assertThat(generator.bootstrapServers).isNull();
    assertThat(generator.options.runs).isEqualTo(5);
    assertThat(generator.options.json).isTrue();
  }

  @Test
  void shouldDefaultToSingleEventsFlatOutWithoutSubscriber() {
    LoadGenerator generator = new LoadGenerator();
    new CommandLine(generator).parseArgs();

    assertThat(generator.batch).isEqualTo(1);
    assertThat(generator.rate).isZero();
    assertThat(generator.options.eventBytes).isEqualTo(300);
    assertThat(generator.duration).isEqualTo(Duration.ofSeconds(30));
    assertThat(generator.warmup).isEqualTo(Duration.ofSeconds(10));
    assertThat(generator.subscriber).isEqualTo(LoadSettings.SubscriberMode.NONE);
    assertThat(generator.options.runs).isEqualTo(1);
    assertThat(generator.baselineProducer).isEqualTo(LoadSettings.BaselineProducer.GATEWAY);
  }

  @Test
  void shouldTakeEitherBaselineTuningAndRefuseOthers() {
    LoadGenerator generator = new LoadGenerator();
    new CommandLine(generator).parseArgs("--baseline-producer", "kafka-defaults");
    StringWriter err = new StringWriter();
    CommandLine refusing = new CommandLine(new LoadGenerator()).setErr(new PrintWriter(err));

    int exit = refusing.execute("--baseline-producer", "fast");

    assertThat(generator.baselineProducer).isEqualTo(LoadSettings.BaselineProducer.KAFKA_DEFAULTS);
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("expected gateway or kafka-defaults, was 'fast'");
  }

  @Test
  void shouldParseRunsAndDrainOfTheScenarioBenchmarks() {
    FanOutBenchmark fanOut = new FanOutBenchmark();
    new CommandLine(fanOut).parseArgs("--runs", "3", "--drain", "--drain-timeout", "30s");
    FanOutBenchmark fanOutDefaults = new FanOutBenchmark();
    new CommandLine(fanOutDefaults).parseArgs();
    DeliveryBenchmark delivery = new DeliveryBenchmark();
    new CommandLine(delivery).parseArgs("--runs", "4");

    assertThat(fanOut.options.runs).isEqualTo(3);
    assertThat(fanOut.drain).isTrue();
    assertThat(fanOut.drainTimeout).isEqualTo(Duration.ofSeconds(30));
    assertThat(fanOutDefaults.options.runs).isEqualTo(1);
    assertThat(fanOutDefaults.drain).isFalse();
    assertThat(fanOutDefaults.drainTimeout).isEqualTo(Duration.ofSeconds(120));
    assertThat(delivery.options.runs).isEqualTo(4);
  }

  @Test
  void shouldRefuseAnUnknownSubscriber() {
    assertThatThrownBy(() -> new CommandLine(new LoadGenerator()).parseArgs("--subscriber", "ws"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  @Test
  void everyProgramRefusesLessThanOneRunBeforeTouchingTheNetwork() {
    for (Object program :
        List.of(new LoadGenerator(), new FanOutBenchmark(), new DeliveryBenchmark())) {
      StringWriter err = new StringWriter();
      CommandLine command = new CommandLine(program).setErr(new PrintWriter(err));

      int exit = command.execute("--runs", "0", "--gateway", "http://127.0.0.1:1");

      assertThat(exit).as(program.getClass().getSimpleName()).isEqualTo(2);
      assertThat(err.toString()).contains("--runs must be at least 1");
    }
  }

  @Test
  void everyProgramSharesTheGatewayAndEventSizeOptions() {
    FanOutBenchmark fanOut = new FanOutBenchmark();
    new CommandLine(fanOut)
        .parseArgs("--gateway", "http://gw:7000", "--event-bytes", "512", "--json");
    DeliveryBenchmark delivery = new DeliveryBenchmark();
    new CommandLine(delivery).parseArgs("--gateway", "http://gw:7001", "--event-bytes", "128");

    assertThat(fanOut.options.gateway.getPort()).isEqualTo(7000);
    assertThat(fanOut.options.eventBytes).isEqualTo(512);
    assertThat(fanOut.options.json).isTrue();
    assertThat(delivery.options.gateway.getPort()).isEqualTo(7001);
    assertThat(delivery.options.eventBytes).isEqualTo(128);
    assertThat(delivery.options.json).isFalse();
  }
}
