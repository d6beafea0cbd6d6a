package io.fluxgate.schemas.registry.store;

/** The registry's log could not be read or written; {@link #timedOut()} tells a timeout apart. */
public final class RegistryLogException extends RuntimeException {
  private final boolean timedOut;

  public RegistryLogException(String message, boolean timedOut, Throwable cause) {
    super(message, cause);
    this.timedOut = timedOut;
  }

  public boolean timedOut() {
    return timedOut;
  }
}
