package io.fluxgate.benchmarks.load;

/** A request the target refused or did not acknowledge; counted as an error of the phase. */
public final class PublishFailedException extends Exception {
  public PublishFailedException(String message) {
    super(message);
  }
}
