package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * Decides whether a new schema may follow the earlier versions of a subject under a {@link
 * CompatibilityLevel}, by Avro's own schema resolution rules: BACKWARD means the candidate reads
 * data written with an earlier schema, FORWARD that an earlier schema reads data written with the
 * candidate, FULL both; the transitive levels check every earlier version, the others only the
 * latest. Each refusal says where, what was expected and what was found.
 *
 * <pre>{@code
 * List<Incompatibility> reasons =
 *     CompatibilityChecker.checkAgainst(
 *         CompatibilityLevel.BACKWARD, candidate, List.of(new VersionedSchema(1, first)));
 * if (!reasons.isEmpty()) {
 *   throw SchemaRegistryException.incompatible(reasons);
 * }
 * }</pre>
 */
public final class CompatibilityChecker {
  private CompatibilityChecker() {}

  /**
   * An earlier schema of the subject and its version, so that a refusal names the version.
   *
   * @param version the subject version, from 1; 0 when not known
   */
  public record VersionedSchema(int version, Schema schema) {
    public VersionedSchema {
      if (version < 0) {
        throw new IllegalArgumentException("version must be 0 (unknown) or more: " + version);
      }
      Objects.requireNonNull(schema, "schema");
    }
  }

  /**
   * Returns every incompatibility of {@code candidate} with {@code earlierNewestFirst} under {@code
   * level}; an empty list means compatible. Non-transitive levels look only at the first (latest)
   * earlier schema. The versions are not known here, so {@link Incompatibility#againstVersion()} is
   * 0; prefer {@link #checkAgainst}.
   */
  public static List<Incompatibility> check(
      CompatibilityLevel level, Schema candidate, List<Schema> earlierNewestFirst) {
    Objects.requireNonNull(earlierNewestFirst, "earlierNewestFirst");
    return checkAgainst(
        level,
        candidate,
        earlierNewestFirst.stream().map(schema -> new VersionedSchema(0, schema)).toList());
  }

  /**
   * Returns every incompatibility of {@code candidate} with the earlier versions of a subject,
   * newest first, under {@code level}; an empty list means compatible. Non-transitive levels look
   * only at the first (latest) version; transitive ones at all, reporting each conflict against the
   * version it conflicts with, newest first, BACKWARD before FORWARD.
   */
  public static List<Incompatibility> checkAgainst(
      CompatibilityLevel level, Schema candidate, List<VersionedSchema> earlierNewestFirst) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(earlierNewestFirst, "earlierNewestFirst");
    if (level == CompatibilityLevel.NONE || earlierNewestFirst.isEmpty()) {
      return List.of();
    }
    List<Incompatibility> reasons = new ArrayList<>();
    List<VersionedSchema> against =
        level.transitive() ? earlierNewestFirst : earlierNewestFirst.subList(0, 1);
    for (VersionedSchema earlier : against) {
      if (level.backward()) {
        reasons.addAll(
            IncompatibilityTranslator.backward()
                .translate(candidate, earlier.schema(), earlier.version()));
      }
      if (level.forward()) {
        reasons.addAll(
            IncompatibilityTranslator.forward()
                .translate(earlier.schema(), candidate, earlier.version()));
      }
    }
    return List.copyOf(reasons);
  }
}
