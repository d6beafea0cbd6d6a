package io.fluxgate.schemas.registry;

import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides deletes as Confluent does: a soft delete hides versions (their ids keep resolving); a
 * permanent delete removes them for good and needs a soft delete first; nothing is deleted while a
 * schema outside the deletion still references it. Deleting a subject also drops its own
 * compatibility level and mode.
 */
final class Deletion {
  private final RegistryState state;

  Deletion(RegistryState state) {
    this.state = state;
  }

  /**
   * The entries that delete {@code subject}, and the versions deleted.
   *
   * @throws SchemaRegistryException 40401, 40404 (soft-deleting again), 40405 (permanent before
   *     soft), 42205 (read-only), 42206 (referenced)
   */
  Proposal<List<Integer>> subject(String subject, boolean permanent) {
    requireWritable(subject);
    List<RegistryState.Stored> versions = state.versions(subject);
    if (versions.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    boolean anyLive = versions.stream().anyMatch(RegistryState.Stored::live);
    if (!permanent && !anyLive) {
      throw SchemaRegistryException.subjectSoftDeleted(subject);
    }
    if (permanent && anyLive) {
      throw SchemaRegistryException.subjectNotSoftDeleted(subject);
    }
    List<RegisteredSchema> targets =
        versions.stream()
            .filter(v -> permanent || v.live())
            .map(RegistryState.Stored::schema)
            .toList();
    Set<SubjectVersion> deleted =
        targets.stream()
            .map(s -> new SubjectVersion(s.subject(), s.version()))
            .collect(Collectors.toSet());
    List<Entry> entries = new ArrayList<>();
    for (RegisteredSchema target : targets) {
      requireUnreferenced(target, permanent, deleted);
      entries.add(RegistryRecords.encode(deleted(target, permanent)));
    }
    if (state.subjectLevel(subject).isPresent()) {
      entries.add(RegistryRecords.encode(new RegistryRecord.Config(subject, null)));
    }
    if (state.subjectMode(subject).isPresent()) {
      entries.add(RegistryRecords.encode(new RegistryRecord.Mode(subject, null)));
    }
    return new Proposal<>(entries, targets.stream().map(RegisteredSchema::version).toList());
  }

  /**
   * The entries that delete one version, and its number.
   *
   * @throws SchemaRegistryException 40401, 40402, 40406 (soft-deleting again), 40407 (permanent
   *     before soft), 42202, 42205 (read-only), 42206 (referenced)
   */
  Proposal<Integer> version(String subject, VersionId versionId, boolean permanent) {
    requireWritable(subject);
    List<RegistryState.Stored> versions = state.versions(subject);
    if (versions.isEmpty()
        || (!permanent && versions.stream().noneMatch(RegistryState.Stored::live))) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    RegistryState.Stored target = find(subject, versionId, versions, permanent);
    RegisteredSchema schema = target.schema();
    if (!permanent && target.deleted()) {
      throw SchemaRegistryException.versionSoftDeleted(subject, schema.version());
    }
    if (permanent && target.live()) {
      throw SchemaRegistryException.versionNotSoftDeleted(subject, schema.version());
    }
    requireUnreferenced(schema, permanent, Set.of(new SubjectVersion(subject, schema.version())));
    return new Proposal<>(
        List.of(RegistryRecords.encode(deleted(schema, permanent))), schema.version());
  }

  private static RegistryState.Stored find(
      String subject, VersionId versionId, List<RegistryState.Stored> versions, boolean permanent) {
    if (versionId.isLatest()) {
      // A soft delete takes the latest live version; a permanent one the latest of all.
      for (int i = versions.size() - 1; i >= 0; i--) {
        if (permanent || versions.get(i).live()) {
          return versions.get(i);
        }
      }
    } else {
      for (RegistryState.Stored stored : versions) {
        if (stored.schema().version() == versionId.number()) {
          return stored;
        }
      }
    }
    throw SchemaRegistryException.versionNotFound(subject, versionId);
  }

  private static RegistryRecord.SchemaVersion deleted(RegisteredSchema schema, boolean permanent) {
    return permanent
        ? RegistryRecord.SchemaVersion.tombstone(schema.subject(), schema.version())
        : RegistryRecord.SchemaVersion.softDeleted(schema);
  }

  /**
   * A soft delete is refused while a live schema refers to the target; a permanent one while any
   * schema still does, since a soft-deleted referrer still resolves by id.
   */
  private void requireUnreferenced(
      RegisteredSchema target, boolean permanent, Set<SubjectVersion> deletedTogether) {
    boolean referenced =
        state.referrersOf(target.subject(), target.version()).stream()
            .filter(r -> permanent || r.live())
            .anyMatch(
                r ->
                    !deletedTogether.contains(
                        new SubjectVersion(r.schema().subject(), r.schema().version())));
    if (referenced) {
      throw SchemaRegistryException.referenceExists(target.subject(), target.version());
    }
  }

  private void requireWritable(String subject) {
    if (state.effectiveMode(subject) == RegistryMode.READONLY) {
      throw SchemaRegistryException.operationNotPermitted(
          "Subject '" + subject + "' is in read-only mode");
    }
  }
}
