package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * Decides whether a new schema may follow the earlier versions of a subject under a {@link
 * CompatibilityLevel}, by Avro's own schema resolution rules.
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * Returns every incompatibility of {@code candidate} with {@code earlierNewestFirst} under {@code
   * level}; an empty list means compatible. Non-transitive levels look only at the first (latest)
   * earlier schema. Each message names the field path, what was expected and what was found.
   */
  public static List<Incompatibility> check(
      CompatibilityLevel level, Schema candidate, List<Schema> earlierNewestFirst) {
    List<Incompatibility> reasons = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || earlierNewestFirst.isEmpty()) {
      return reasons;
    }
    List<Schema> against =
        level.transitive() ? earlierNewestFirst : earlierNewestFirst.subList(0, 1);
    for (Schema earlier : against) {
      if (level.backward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier),
            "BACKWARD",
            reasons);
      }
      if (level.forward()) {
        describe(
            SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate),
            "FORWARD",
            reasons);
      }
    }
    return reasons;
  }

  private static void describe(
      SchemaCompatibility.SchemaPairCompatibility result,
      String direction,
      List<Incompatibility> reasons) {
    // Placeholder rendering; the path, expected and found are refined from the fragments.
    for (SchemaCompatibility.Incompatibility incompatibility :
        result.getResult().getIncompatibilities()) {
      reasons.add(
          new Incompatibility(
              incompatibility.getType().name(),
              incompatibility.getLocation(),
              String.valueOf(incompatibility.getReaderFragment()),
              String.valueOf(incompatibility.getWriterFragment()),
              direction,
              0));
    }
  }
}
