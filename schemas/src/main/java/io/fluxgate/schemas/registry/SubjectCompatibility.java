package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Checks a candidate against a subject's versions under a compatibility level and attributes each
 * reason to the version it conflicts with: the latest version for the plain levels, every version
 * for the transitive ones.
 */
final class SubjectCompatibility {
  private final SchemaResolver resolver;

  SubjectCompatibility(SchemaResolver resolver) {
    this.resolver = resolver;
  }

  /** Every reason {@code candidate} may not follow {@code newestFirst}; empty when it may. */
  List<Incompatibility> check(
      CompatibilityLevel level, Schema candidate, List<RegisteredSchema> newestFirst) {
    List<Incompatibility> reasons = new ArrayList<>();
    if (level == CompatibilityLevel.NONE || newestFirst.isEmpty()) {
      return reasons;
    }
    List<RegisteredSchema> against = level.transitive() ? newestFirst : newestFirst.subList(0, 1);
    CompatibilityLevel oneByOne = singleVersion(level);
    for (RegisteredSchema earlier : against) {
      Schema parsed = resolver.parsed(earlier.id(), earlier.definition());
      for (Incompatibility reason :
          CompatibilityChecker.check(oneByOne, candidate, List.of(parsed))) {
        reasons.add(reason.against(earlier.version()));
      }
    }
    return reasons;
  }

  /** The level that checks the same directions against one version. */
  static CompatibilityLevel singleVersion(CompatibilityLevel level) {
    return switch (level) {
      case BACKWARD_TRANSITIVE -> CompatibilityLevel.BACKWARD;
      case FORWARD_TRANSITIVE -> CompatibilityLevel.FORWARD;
      case FULL_TRANSITIVE -> CompatibilityLevel.FULL;
      default -> level;
    };
  }
}
