package io.fluxgate.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FluxgateMainTest {

  @Test
  void anUnknownFanOutGuaranteeExitsWithUsageErrorBeforeStartingAnything() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(new FluxgateMain())
              .execute("--fan-out-guarantee", "exactly_once", "--data-dir", "/nonexistent/x");
    } finally {
      System.setErr(stderr);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("fluxgate: the fan-out guarantee must be at_least_once or exactly_once_v2")
        .contains("exactly_once");
  }

  @Test
  void theFanOutGuaranteeDefaultsToAtLeastOnce() {
    FluxgateMain main = new FluxgateMain();
    new CommandLine(main).parseArgs();

    assertThat(main.fanOutGuarantee).isEqualTo("at_least_once");
  }
}
