package io.fluxgate.schemas.registry;

import java.util.Locale;

/**
 * Confluent's registry modes: READWRITE (normal), READONLY (no registrations or deletes), IMPORT
 * (registrations must bring their own ids and versions, for migrating a registry).
 */
public enum RegistryMode {
  READWRITE,
  READONLY,
  IMPORT;

  /**
   * Parses a mode case-insensitively.
   *
   * @throws SchemaRegistryException 42204 for anything else
   */
  public static RegistryMode parse(String text) {
    if (text != null) {
      for (RegistryMode mode : values()) {
        if (mode.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
          return mode;
        }
      }
    }
    throw SchemaRegistryException.invalidMode(text);
  }
}
