package io.fluxgate.core.event;

import java.util.Objects;

/**
 * One reason why a published event was refused.
 *
 * <pre>{@code
 * new EventError(2, "source.correlation_id", EventError.WRONG_TYPE, "must be a string")
 * }</pre>
 *
 * @param index position of the event in its batch, 0 for a single event or a whole-body problem
 * @param field JSON path of the offending value, e.g. {@code source.correlation_id} or {@code
 *     data.items[3]}; empty when the problem is the event or body as a whole. For {@code
 *     malformed_json} it is the member being read when the syntax error was found (a hint; the
 *     message has line and column)
 * @param code machine-readable reason, one of the constants of this class
 * @param message human-readable explanation
 */
public record EventError(int index, String field, String code, String message) {

  /** The body is not well-formed JSON (syntax error, duplicate key, trailing content). */
  public static final String MALFORMED_JSON = "malformed_json";

  /** The body is not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";

  /** A field that the contract does not define. */
  public static final String UNKNOWN_FIELD = "unknown_field";

  /** A value of the wrong JSON type, e.g. a number where a string is expected. */
  public static final String WRONG_TYPE = "wrong_type";

  /** A required field is absent or null. */
  public static final String MISSING_FIELD = "missing_field";

  /** A value of the right type that the contract does not allow. */
  public static final String INVALID_VALUE = "invalid_value";

  /** A body, event, batch or number beyond the configured limits. */
  public static final String TOO_LARGE = "too_large";

  /** JSON nested deeper than the configured limit. */
  public static final String TOO_DEEP = "too_deep";

  /**
   * {@code data} does not conform to the Avro schema registered for the event type: a value of the
   * wrong type or out of range, or a member the schema does not define (422, like any well-formed
   * but invalid event).
   */
  public static final String SCHEMA_MISMATCH = "schema_mismatch";

  public EventError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
