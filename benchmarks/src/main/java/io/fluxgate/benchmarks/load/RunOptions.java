package io.fluxgate.benchmarks.load;

import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options every load program shares (a picocli mixin): the gateway, the event size, how many
 * measured runs, text or JSON; and printing their {@link RunsReport}.
 */
final class RunOptions {

  @Option(
      names = "--gateway",
      defaultValue = "http://127.0.0.1:8080",
      description = "gateway base URL (default: ${DEFAULT-VALUE})")
  URI gateway;

  @Option(
      names = "--event-bytes",
      defaultValue = "300",
      description = "size of each event's JSON (default: ${DEFAULT-VALUE})")
  int eventBytes;

  @Option(
      names = "--runs",
      defaultValue = "1",
      description =
          "measured runs, one after the other, with a min/median/max summary; a warm-up, where"
              + " the program has one, only before the first (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  /** The run count, refused with the command's usage error when below 1. */
  int runs(CommandLine.Model.CommandSpec spec) {
    if (runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
    }
    return runs;
  }

  /** Prints the report on the command's output, as text or JSON. */
  void print(CommandLine.Model.CommandSpec spec, RunsReport report) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.json() + System.lineSeparator() : report.text());
    out.flush();
  }
}
