package io.fluxgate.core.topic;

/** Kafka's own rule for legal topic names: 1–249 characters of {@code [a-zA-Z0-9._-]}. */
final class TopicNames {
  private static final int MAX_LENGTH = 249;

  private TopicNames() {}

  static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    if (name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean legal =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!legal) {
        return false;
      }
    }
    return true;
  }
}
