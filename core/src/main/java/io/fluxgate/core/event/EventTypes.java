package io.fluxgate.core.event;

import java.util.Optional;

/**
 * Validates {@code event_type} values: 1 to 255 characters, dot-separated segments of {@code
 * [A-Za-z0-9_-]}, no empty segment, no glob characters. Cheap enough to run on every event.
 *
 * <pre>{@code
 * EventTypes.isValid("agent.execution.completed");   // true
 * EventTypes.problem("agent..completed");             // Optional[empty segment at position 6 ...]
 * }</pre>
 *
 * Positions in messages are 0-based character offsets.
 */
public final class EventTypes {

  /** Longest event type allowed by the contract. */
  public static final int MAX_LENGTH = 255;

  private static final String GLOB_CHARACTERS = "*?[]{}#>!";

  private EventTypes() {}

  /** Whether {@code eventType} is a valid event type of at most {@value #MAX_LENGTH} characters. */
  public static boolean isValid(String eventType) {
    return problem(eventType, MAX_LENGTH).isEmpty();
  }

  /** Why {@code eventType} is not a valid event type, or empty when it is. */
  public static Optional<String> problem(String eventType) {
    return problem(eventType, MAX_LENGTH);
  }

  /** Like {@link #problem(String)}, with a custom maximum length. */
  public static Optional<String> problem(String eventType, int maxLength) {
    if (eventType == null || eventType.isEmpty()) {
      return Optional.of("event type must not be empty");
    }
    int length = eventType.length();
    if (length > maxLength) {
      return Optional.of(
          "event type is " + length + " characters long; at most " + maxLength + " are allowed");
    }
    int segmentStart = 0;
    for (int i = 0; i < length; i++) {
      char c = eventType.charAt(i);
      if (c == '.') {
        if (i == segmentStart) {
          return Optional.of(emptySegment(i));
        }
        segmentStart = i + 1;
      } else if (!isSegmentChar(c)) {
        return Optional.of(badCharacter(c, i));
      }
    }
    if (segmentStart == length) {
      return Optional.of(emptySegment(length));
    }
    return Optional.empty();
  }

  private static boolean isSegmentChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private static String emptySegment(int position) {
    return "empty segment at position "
        + position
        + ": segments are separated by single dots, with none at the start or end";
  }

  private static String badCharacter(char c, int position) {
    if (GLOB_CHARACTERS.indexOf(c) >= 0) {
      return "glob character '"
          + c
          + "' at position "
          + position
          + " is not allowed; patterns belong in subscriptions, not in published events";
    }
    String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    return "character "
        + shown
        + " at position "
        + position
        + " is not allowed; use letters, digits, '_', '-' and '.'";
  }
}
