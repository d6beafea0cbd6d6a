package io.fluxgate.core.filter;

/**
 * A subscription filter that does not compile: a syntax error, an unknown variable or function, an
 * expression that is not boolean, or one that is too long.
 *
 * <p>{@link #position()} is the 0-based character offset of the first problem in the expression
 * ({@link #line()} and {@link #column()} are 1-based); {@link #reason()} is CEL's own message.
 */
public final class InvalidFilterException extends RuntimeException {
  private final int position;
  private final int line;
  private final int column;
  private final String reason;

  public InvalidFilterException(int position, int line, int column, String reason) {
    super("invalid filter at line " + line + ", column " + column + ": " + reason);
    this.position = position;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  public int position() {
    return position;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String reason() {
    return reason;
  }
}
