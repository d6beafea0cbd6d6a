package io.fluxgate.core.event;

import java.util.List;
import java.util.Set;

/**
 * Thrown when a published event or batch is refused; carries every problem found.
 *
 * <pre>{@code
 * try {
 *   events = eventJson.parseBatch(body, false);
 * } catch (EventRejectedException e) {
 *   return Response.status(e.status()).entity(e.errors()).build();
 * }
 * }</pre>
 *
 * <p>{@link #status()} is 413 if any error is {@code too_large}; otherwise 400 if any error is
 * {@code malformed_json}, {@code invalid_utf8}, {@code unknown_field} or {@code wrong_type};
 * otherwise 422.
 */
public final class EventRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final int SUMMARISED_ERRORS = 3;
  private static final Set<String> BAD_REQUEST =
      Set.of(
          EventError.MALFORMED_JSON,
          EventError.INVALID_UTF8,
          EventError.UNKNOWN_FIELD,
          EventError.WRONG_TYPE);

  private final List<EventError> errors;
  private final int status;

  /**
   * @param errors the problems, at least one
   */
  public EventRejectedException(List<EventError> errors) {
    this(List.copyOf(errors), statusOf(errors));
  }

  private EventRejectedException(List<EventError> errors, int status) {
    super(summary(errors, status), null, false, false);
    this.errors = errors;
    this.status = status;
  }

  /** Every problem found, ordered by event index. */
  public List<EventError> errors() {
    return errors;
  }

  /** The HTTP status that fits the errors: 413, 400 or 422. */
  public int status() {
    return status;
  }

  private static int statusOf(List<EventError> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an EventRejectedException needs at least one error");
    }
    if (errors.stream().anyMatch(e -> e.code().equals(EventError.TOO_LARGE))) {
      return 413;
    }
    if (errors.stream().anyMatch(e -> BAD_REQUEST.contains(e.code()))) {
      return 400;
    }
    return 422;
  }

  private static String summary(List<EventError> errors, int status) {
    StringBuilder sb = new StringBuilder("Event rejected (").append(status).append("): ");
    sb.append(errors.size()).append(errors.size() == 1 ? " error" : " errors");
    for (int i = 0; i < Math.min(SUMMARISED_ERRORS, errors.size()); i++) {
      EventError e = errors.get(i);
      sb.append(i == 0 ? ": " : "; ").append('[').append(e.index()).append("] ");
      if (!e.field().isEmpty()) {
        sb.append(e.field()).append(' ');
      }
      sb.append(e.code()).append(" - ").append(e.message());
    }
    if (errors.size() > SUMMARISED_ERRORS) {
      sb.append("; and ").append(errors.size() - SUMMARISED_ERRORS).append(" more");
    }
    return sb.toString();
  }
}
