package io.fluxgate.schemas.registry;

import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides a registration on the current state, as Confluent does: the same schema already live in
 * the subject keeps its id; a schema known elsewhere (or in a soft-deleted version) gets its id
 * again; anything else gets the next id. The new version follows the highest version the subject
 * holds and must pass the subject's compatibility level. In IMPORT mode the client brings the id
 * (and optionally the version) and no compatibility is checked. The decision only reads state, so
 * the log may make it again.
 */
final class Registration {
  private final RegistryState state;
  private final SchemaResolver resolver;
  private final SubjectCompatibility compatibility;

  Registration(RegistryState state, SchemaResolver resolver, SubjectCompatibility compatibility) {
    this.state = state;
    this.resolver = resolver;
    this.compatibility = compatibility;
  }

  /**
   * The entries that register {@code request} under {@code subject}, and its id.
   *
   * @throws SchemaRegistryException 42208 (subject), 42205 (mode; an id or version the mode does
   *     not allow), 42201 (schema), 42207 (the schema has another id than the one given), 409
   *     (incompatible)
   */
  Proposal<Integer> decide(String subject, SchemaRequest request) {
    requireValidSubject(subject);
    RegistryMode mode = state.effectiveMode(subject);
    if (mode == RegistryMode.READONLY) {
      throw SchemaRegistryException.operationNotPermitted(
          "Subject '" + subject + "' is in read-only mode");
    }
    SchemaResolver.Resolved resolved = resolver.resolve(request);
    Optional<RegisteredSchema> existing =
        state.versionHolding(subject, resolved.definition(), RegistryState.Stored::live);
    return mode == RegistryMode.IMPORT
        ? imported(subject, request, resolved.definition(), existing)
        : registered(subject, request, resolved, existing);
  }

  private Proposal<Integer> registered(
      String subject,
      SchemaRequest request,
      SchemaResolver.Resolved resolved,
      Optional<RegisteredSchema> existing) {
    Integer givenId = request.id();
    Integer givenVersion = request.version();
    if (existing.isPresent()) {
      RegisteredSchema found = existing.get();
      requireGivenId(givenId, found.id());
      if (givenVersion != null && givenVersion != found.version()) {
        throw versionNotChoosable(subject, givenVersion, found.version());
      }
      return new Proposal<>(List.of(), found.id());
    }
    Optional<Integer> knownId = state.idOf(resolved.definition());
    if (givenId != null) {
      requireGivenId(givenId, knownId.orElseThrow(() -> idNotChoosable(subject)));
    }
    int version = state.maxVersion(subject) + 1;
    if (givenVersion != null && givenVersion != version) {
      throw versionNotChoosable(subject, givenVersion, version);
    }
    List<Incompatibility> reasons =
        compatibility.check(
            state.effectiveLevel(subject), resolved.schema(), state.liveNewestFirst(subject));
    if (!reasons.isEmpty()) {
      throw SchemaRegistryException.incompatible(reasons);
    }
    int id = knownId.orElse(state.idHighWater() + 1);
    return write(new RegisteredSchema(subject, version, id, resolved.definition()));
  }

  private Proposal<Integer> imported(
      String subject,
      SchemaRequest request,
      SchemaDefinition definition,
      Optional<RegisteredSchema> existing) {
    Integer id = request.id();
    if (id == null) {
      // Re-registering what is already there stays harmless; anything new needs its id.
      return existing
          .map(found -> new Proposal<Integer>(List.of(), found.id()))
          .orElseThrow(
              () ->
                  SchemaRegistryException.operationNotPermitted(
                      "Subject '"
                          + subject
                          + "' is in IMPORT mode: a registration must give the schema's id"));
    }
    Optional<SchemaDefinition> holding = state.definition(id);
    if (holding.isPresent() && !holding.get().equals(definition)) {
      throw SchemaRegistryException.operationNotPermitted(
          "Overwrite new schema with id " + id + " is not permitted: it holds another schema");
    }
    int version = request.version() == null ? state.maxVersion(subject) + 1 : request.version();
    Optional<RegistryState.Stored> taken = state.version(subject, version);
    if (taken.isPresent()) {
      RegistryState.Stored stored = taken.get();
      if (stored.live()
          && stored.schema().id() == id
          && stored.schema().definition().equals(definition)) {
        return new Proposal<>(List.of(), id);
      }
      throw SchemaRegistryException.operationNotPermitted(
          "Version " + version + " of subject '" + subject + "' already exists");
    }
    return write(new RegisteredSchema(subject, version, id, definition));
  }

  private Proposal<Integer> write(RegisteredSchema schema) {
    List<Entry> entries = new ArrayList<>();
    entries.add(RegistryRecords.encode(RegistryRecord.SchemaVersion.live(schema)));
    if (schema.id() > state.idHighWater()) {
      entries.add(RegistryRecords.encode(new RegistryRecord.IdHighWater(schema.id())));
    }
    return new Proposal<>(entries, schema.id());
  }

  private static void requireGivenId(Integer givenId, int actualId) {
    if (givenId != null && givenId != actualId) {
      throw SchemaRegistryException.idDoesNotMatch(actualId, givenId);
    }
  }

  private static SchemaRegistryException idNotChoosable(String subject) {
    return SchemaRegistryException.operationNotPermitted(
        "Subject '"
            + subject
            + "' is not in IMPORT mode: a new schema's id is chosen by the registry");
  }

  private static SchemaRegistryException versionNotChoosable(
      String subject, int given, int actual) {
    return SchemaRegistryException.operationNotPermitted(
        "Subject '"
            + subject
            + "' is not in IMPORT mode: this registration is version "
            + actual
            + ", not "
            + given);
  }

  /**
   * @throws SchemaRegistryException 42208 for an empty subject name or one holding control
   *     characters
   */
  static void requireValidSubject(String subject) {
    if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw SchemaRegistryException.invalidSubject(subject);
    }
  }
}
