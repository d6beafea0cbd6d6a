package io.fluxgate.schemas.registry;

import java.util.Objects;

/**
 * One change in the registry's log, decoded; {@link RegistryRecords} gives each its key and value.
 * Every kind is keyed so that the last record per key is the whole truth, which lets the log be
 * compacted.
 */
public sealed interface RegistryRecord {

  /**
   * A version of a subject as it now stands; {@code schema} is {@code null} once it has been
   * permanently deleted (a tombstone).
   */
  record SchemaVersion(String subject, int version, RegisteredSchema schema, boolean deleted)
      implements RegistryRecord {
    public SchemaVersion {
      Objects.requireNonNull(subject, "subject");
      if (schema != null && (!schema.subject().equals(subject) || schema.version() != version)) {
        throw new IllegalArgumentException(
            "the schema of " + subject + " version " + version + " names another place");
      }
    }

    public static SchemaVersion live(RegisteredSchema schema) {
      return new SchemaVersion(schema.subject(), schema.version(), schema, false);
    }

    public static SchemaVersion softDeleted(RegisteredSchema schema) {
      return new SchemaVersion(schema.subject(), schema.version(), schema, true);
    }

    public static SchemaVersion tombstone(String subject, int version) {
      return new SchemaVersion(subject, version, null, false);
    }
  }

  /**
   * The compatibility level of one subject, or the global one when {@code subject} is {@code null};
   * {@code level} is {@code null} when it was removed.
   */
  record Config(String subject, CompatibilityLevel level) implements RegistryRecord {}

  /**
   * The mode of one subject, or the global one when {@code subject} is {@code null}; {@code mode}
   * is {@code null} when it was removed.
   */
  record Mode(String subject, RegistryMode mode) implements RegistryRecord {}

  /**
   * The highest schema id ever handed out, so that ids are never reused, even after every version
   * holding an id has been permanently deleted.
   */
  record IdHighWater(int id) implements RegistryRecord {}
}
