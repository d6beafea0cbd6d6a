package io.fluxgate.schemas.registry;

/**
 * A version as a client names it in a path: a positive number, or {@code latest} (also {@code -1}).
 *
 * @param number the version, or {@link #LATEST} for the latest one
 */
public record VersionId(int number) {
  public static final int LATEST = -1;

  /**
   * Parses a version id.
   *
   * @throws SchemaRegistryException 42202 for anything but {@code latest}, {@code -1} or 1..2^31-1
   */
  public static VersionId parse(String text) {
    if (text == null) {
      throw SchemaRegistryException.invalidVersion(null);
    }
    if (text.trim().equalsIgnoreCase("latest")) {
      return new VersionId(LATEST);
    }
    int number;
    try {
      number = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw SchemaRegistryException.invalidVersion(text);
    }
    if (number < 1 && number != LATEST) {
      throw SchemaRegistryException.invalidVersion(text);
    }
    return new VersionId(number);
  }

  public boolean isLatest() {
    return number == LATEST;
  }

  @Override
  public String toString() {
    return isLatest() ? "latest" : Integer.toString(number);
  }
}
