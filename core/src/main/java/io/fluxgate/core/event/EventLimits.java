package io.fluxgate.core.event;

/**
 * Size and shape limits applied when parsing published events.
 *
 * <p>Depth counts JSON containers from the event object itself: the event object is depth 1, its
 * {@code data} object depth 2, and so on. In a JSON-array batch the surrounding array is not
 * counted.
 *
 * <pre>{@code
 * EventLimits limits = EventLimits.defaults();
 * EventJson json = new EventJson(limits, Clock.systemUTC());
 * }</pre>
 *
 * @param maxBodyBytes largest request body, in bytes
 * @param maxEventBytes largest single event, in bytes of its JSON text as sent
 * @param maxBatchEvents most events in one batch
 * @param maxDepth deepest container nesting inside one event (event object = 1)
 * @param maxEventTypeLength longest {@code event_type}, in characters
 */
public record EventLimits(
    int maxBodyBytes, int maxEventBytes, int maxBatchEvents, int maxDepth, int maxEventTypeLength) {

  /** Default body limit: 10 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

  /** Default event limit: 1 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

  public EventLimits {
    requirePositive(maxBodyBytes, "maxBodyBytes");
    requirePositive(maxEventBytes, "maxEventBytes");
    requirePositive(maxBatchEvents, "maxBatchEvents");
    requirePositive(maxDepth, "maxDepth");
    requirePositive(maxEventTypeLength, "maxEventTypeLength");
  }

  /** 10 MiB body, 1 MiB event, 10,000 events per batch, depth 64, event types up to 255 chars. */
  public static EventLimits defaults() {
    return new EventLimits(
        DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENT_BYTES, 10_000, 64, EventTypes.MAX_LENGTH);
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
