package io.fluxgate.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The generation of the spec a topology last ran here, in {@code <state dir>/<application
 * id>.generation}: a processor that was down while the topology was redeployed finds the old one
 * and starts the new one from scratch instead of from the old one's positions and state.
 */
final class GenerationMarker {
  private final Path file;

  GenerationMarker(Path stateDir, String applicationId) {
    this.file = stateDir.resolve(applicationId + ".generation");
  }

  Optional<String> read() {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void write(String generation) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, generation, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
