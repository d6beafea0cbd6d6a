package io.fluxgate.schemas.registry;

import java.util.Objects;

/**
 * One reason why a schema may not follow an earlier one.
 *
 * @param type Avro's incompatibility type, e.g. {@code READER_FIELD_MISSING_DEFAULT_VALUE}
 * @param path where it is, as a field path from the root record, e.g. {@code payment.amount}, with
 *     {@code []} for array items, <code>{}</code> for map values and {@code <string>} for a union
 *     branch ({@code tags[]}, {@code data<com.acme.Card>.number}); empty for the root
 * @param expected what the reading schema expects there, e.g. {@code long}
 * @param found what the writing schema has there, e.g. {@code string}, or {@code "(absent)"}
 * @param direction which check found it: {@code BACKWARD} (the new schema reading old data) or
 *     {@code FORWARD} (an old schema reading new data)
 * @param againstVersion the earlier version it conflicts with, or 0 when not known
 */
public record Incompatibility(
    String type, String path, String expected, String found, String direction, int againstVersion) {

  public Incompatibility {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(direction, "direction");
  }

  /** The same incompatibility, attributed to an earlier version. */
  public Incompatibility against(int version) {
    return new Incompatibility(type, path, expected, found, direction, version);
  }

  /**
   * One line for people: what broke, where, expected and found, e.g. {@code
   * READER_FIELD_MISSING_DEFAULT_VALUE at 'currency': expected a default for new field 'currency'
   * (type string), found (absent) [BACKWARD, against version 1]}.
   */
  public String describe() {
    String where = path.isEmpty() ? "the root" : "'" + path + "'";
    String version = againstVersion > 0 ? ", against version " + againstVersion : "";
    return type
        + " at "
        + where
        + ": expected "
        + expected
        + ", found "
        + found
        + " ["
        + direction
        + version
        + "]";
  }
}
