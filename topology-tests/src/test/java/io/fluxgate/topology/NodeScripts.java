package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of an interop directory ({@code interop/confluent-js}): finds {@code node}
 * and {@code npm} on the PATH, installs the pinned packages with {@code npm ci} when {@code
 * node_modules} is missing, and runs a script with a timeout, its output captured in files (no pipe
 * can fill up and block it) and the process tree destroyed whatever happens.
 *
 * <p>Without Node the calling test is skipped by an assumption naming what is missing, except on CI
 * ({@code CI=true}), where Node is required and its absence fails the test.
 */
final class NodeScripts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);

  private final Path directory;
  private final Path node;

  private NodeScripts(Path directory, Path node) {
    this.directory = directory;
    this.node = node;
  }

  /** The finished process: its exit code and what it wrote. */
  record Run(List<String> command, int exitCode, String stdout, String stderr) {
    /** The JSON document the script printed on stdout; fails the test when there is none. */
    JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        return fail("%s printed no JSON (%s)%n%s", command, e.getMessage(), this);
      }
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /** What is missing to run the scripts ("node and npm not found on the PATH"), if anything. */
  static Optional<String> missing() {
    List<String> missing = new ArrayList<>();
    for (String program : List.of("node", "npm")) {
      if (onPath(program).isEmpty()) {
        missing.add(program);
      }
    }
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(" and ", missing) + " not found on the PATH");
  }

  /** Skips the calling test when Node or npm is missing; on CI ({@code CI=true}) fails it. */
  static void assumeAvailable() {
    Optional<String> missing = missing();
    if (missing.isPresent() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("%s, but CI=true: CI must run the Confluent interop tests", missing.get());
    }
    assumeTrue(
        missing.isEmpty(), () -> missing.get() + ": Confluent's JavaScript client cannot run here");
  }

  /**
   * The scripts in {@code directory}, ready to run: see {@link #assumeAvailable()}, then installs
   * the pinned packages ({@code npm ci}) when they are not installed yet.
   */
  static NodeScripts in(Path directory) throws IOException, InterruptedException {
    assumeAvailable();
    if (!Files.isRegularFile(directory.resolve("package-lock.json"))) {
      fail("%s is not the interop directory: no package-lock.json", directory.toAbsolutePath());
    }
    Path npm = onPath("npm").orElseThrow();
    NodeScripts scripts = new NodeScripts(directory, onPath("node").orElseThrow());
    if (!Files.isDirectory(directory.resolve("node_modules"))) {
      Run install =
          scripts.exec(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), INSTALL_TIMEOUT);
      if (install.exitCode() != 0) {
        fail("npm ci in %s failed: %s", directory, install);
      }
    }
    return scripts;
  }

  /** Runs {@code node script args...} in the interop directory. */
  Run node(Duration timeout, String script, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(node.toString(), script));
    command.addAll(List.of(args));
    return exec(command, timeout);
  }

  Path directory() {
    return directory;
  }

  private Run exec(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile("node-stdout", ".txt");
    Path stderr = Files.createTempFile("node-stderr", ".txt");
    Process process = null;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        destroy(process);
        return fail(
            "%s did not finish within %s%n--- stdout%n%s%n--- stderr%n%s",
            command, timeout, read(stdout), read(stderr));
      }
      return new Run(command, process.exitValue(), read(stdout), read(stderr));
    } finally {
      if (process != null && process.isAlive()) {
        destroy(process);
      }
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static void destroy(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    boolean windows = System.getProperty("os.name").startsWith("Windows");
    List<String> names = windows ? List.of(program + ".cmd", program + ".exe") : List.of(program);
    for (String entry : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(entry).resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
