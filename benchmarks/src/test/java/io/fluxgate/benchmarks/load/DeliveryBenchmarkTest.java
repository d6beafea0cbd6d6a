package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeliveryBenchmarkTest {
  private static final DeliveryBenchmark.Settings SETTINGS =
      new DeliveryBenchmark.Settings(
          URI.create("http://127.0.0.1:8080"),
          "127.0.0.1:9092",
          1000,
          DeliveryBenchmark.Mode.LONG_POLL,
          300);

  @Test
  void shouldReportOnlyTheRunsAfterTheWarmUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Integer> warmedUp = new ArrayList<>();

    List<DeliveryReport> reports =
        DeliveryBenchmark.measured(
            2,
            3,
            () -> report(calls.incrementAndGet()),
            (index, report) -> warmedUp.add(index * 100 + (int) report.queued()));

    assertThat(calls).hasValue(5);
    assertThat(warmedUp).containsExactly(1, 102);
    assertThat(reports).extracting(DeliveryReport::queued).containsExactly(3L, 4L, 5L);
  }

  @Test
  void shouldRefuseANegativeWarmUp() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new DeliveryBenchmark());
    command.setErr(new PrintWriter(err));

    int exit = command.execute("--warmup-runs", "-1");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--warmup-runs must not be negative");
  }

  /** A run's report whose queue size says which call made it. */
  private static DeliveryReport report(int call) {
    return new DeliveryReport(
        SETTINGS,
        "delivery.r1.event",
        call,
        1.0,
        new DeliveryBenchmark.Drain(call, 0.5),
        new DeliveryBenchmark.Drain(call, 0.1));
  }
}
