package io.fluxgate.core.glob;

/**
 * Thrown when an event-type glob pattern cannot be compiled. It names the 0-based position of the
 * fault in the pattern text so that a client (an API caller creating a subscription, say) can be
 * told exactly what to fix.
 *
 * <pre>{@code
 * try {
 *   GlobPattern.compile("agent..started");
 * } catch (InvalidPatternException e) {
 *   e.position(); // 6
 *   e.reason();   // "empty segment"
 * }
 * }</pre>
 */
public final class InvalidPatternException extends IllegalArgumentException {

  private final String pattern;
  private final int position;
  private final String reason;

  InvalidPatternException(String pattern, int position, String reason) {
    super("invalid pattern '" + pattern + "' at position " + position + ": " + reason);
    this.pattern = pattern;
    this.position = position;
    this.reason = reason;
  }

  /** The pattern text that was refused. */
  public String pattern() {
    return pattern;
  }

  /** The 0-based index in {@link #pattern()} of the character at fault. */
  public int position() {
    return position;
  }

  /** A short human-readable description of the fault. */
  public String reason() {
    return reason;
  }
}
