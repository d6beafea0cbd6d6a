package io.fluxgate.schemas.registry;

import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.util.List;
import java.util.Optional;

/**
 * Decides changes of compatibility levels and modes, globally ({@code subject == null}) or per
 * subject. Switching to IMPORT needs an empty registry (or subject), unless forced, as Confluent
 * does, so that imported ids cannot collide with schemas already served.
 */
final class RegistrySettings {
  private final RegistryState state;

  RegistrySettings(RegistryState state) {
    this.state = state;
  }

  Proposal<CompatibilityLevel> setLevel(String subject, CompatibilityLevel level) {
    if (subject != null) {
      Registration.requireValidSubject(subject);
    }
    Optional<CompatibilityLevel> current =
        subject == null ? state.globalLevel() : state.subjectLevel(subject);
    return current.equals(Optional.of(level))
        ? new Proposal<>(List.of(), level)
        : new Proposal<>(
            List.of(RegistryRecords.encode(new RegistryRecord.Config(subject, level))), level);
  }

  /**
   * Removes a level and returns it; the global one falls back to the default.
   *
   * @throws SchemaRegistryException 40408 when the subject has no level of its own
   */
  Proposal<CompatibilityLevel> deleteLevel(String subject) {
    Optional<CompatibilityLevel> current =
        subject == null ? state.globalLevel() : state.subjectLevel(subject);
    if (current.isEmpty()) {
      if (subject != null) {
        throw SchemaRegistryException.subjectLevelConfigNotFound(subject);
      }
      return new Proposal<>(List.of(), CompatibilityLevel.DEFAULT);
    }
    return new Proposal<>(
        List.of(RegistryRecords.encode(new RegistryRecord.Config(subject, null))), current.get());
  }

  /**
   * @throws SchemaRegistryException 42205 when switching to IMPORT with schemas in place and
   *     without {@code force}
   */
  Proposal<RegistryMode> setMode(String subject, RegistryMode mode, boolean force) {
    if (subject != null) {
      Registration.requireValidSubject(subject);
    }
    if (mode == RegistryMode.IMPORT && !force) {
      boolean hasSchemas =
          subject == null
              ? !state.subjects(RegistryState.Stored::live).isEmpty()
              : !state.liveNewestFirst(subject).isEmpty();
      if (hasSchemas) {
        throw SchemaRegistryException.operationNotPermitted(
            "Cannot import since found existing subjects"
                + (subject == null ? "" : " ('" + subject + "')")
                + "; set force=true to switch to IMPORT anyway");
      }
    }
    Optional<RegistryMode> current =
        subject == null ? state.globalMode() : state.subjectMode(subject);
    return current.equals(Optional.of(mode))
        ? new Proposal<>(List.of(), mode)
        : new Proposal<>(
            List.of(RegistryRecords.encode(new RegistryRecord.Mode(subject, mode))), mode);
  }

  /**
   * Removes a subject's mode and returns it.
   *
   * @throws SchemaRegistryException 40409 when the subject has no mode of its own
   */
  Proposal<RegistryMode> deleteMode(String subject) {
    RegistryMode current =
        state
            .subjectMode(subject)
            .orElseThrow(() -> SchemaRegistryException.subjectLevelModeNotFound(subject));
    return new Proposal<>(
        List.of(RegistryRecords.encode(new RegistryRecord.Mode(subject, null))), current);
  }
}
