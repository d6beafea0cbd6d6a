package io.fluxgate.schemas.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the registry's log adds up to, applied record by record: every version of every subject,
 * which definition each id stands for, configs, modes and the id high-water mark. Not thread-safe:
 * {@link SchemaRegistryService} guards it with one lock.
 */
final class RegistryState {

  /** A version as stored, with its soft-delete flag. */
  record Stored(RegisteredSchema schema, boolean deleted) {
    boolean live() {
      return !deleted;
    }
  }

  private final NavigableMap<String, NavigableMap<Integer, Stored>> subjects = new TreeMap<>();
  private final Map<Integer, SchemaDefinition> definitions = new HashMap<>();
  private final Map<Integer, Set<SubjectVersion>> holders = new HashMap<>();
  private final Map<SchemaDefinition, TreeSet<Integer>> idsByDefinition = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private final Map<String, RegistryMode> subjectModes = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private RegistryMode globalMode;
  private int idHighWater;

  void apply(RegistryRecord record) {
    if (record instanceof RegistryRecord.SchemaVersion v) {
      applyVersion(v);
    } else if (record instanceof RegistryRecord.Config c) {
      if (c.subject() == null) {
        globalLevel = c.level();
      } else if (c.level() == null) {
        subjectLevels.remove(c.subject());
      } else {
        subjectLevels.put(c.subject(), c.level());
      }
    } else if (record instanceof RegistryRecord.Mode m) {
      if (m.subject() == null) {
        globalMode = m.mode();
      } else if (m.mode() == null) {
        subjectModes.remove(m.subject());
      } else {
        subjectModes.put(m.subject(), m.mode());
      }
    } else if (record instanceof RegistryRecord.IdHighWater h) {
      idHighWater = Math.max(idHighWater, h.id());
    }
  }

  private void applyVersion(RegistryRecord.SchemaVersion record) {
    NavigableMap<Integer, Stored> versions =
        subjects.computeIfAbsent(record.subject(), s -> new TreeMap<>());
    Stored previous = versions.remove(record.version());
    if (previous != null) {
      unindex(previous.schema());
    }
    if (record.schema() == null) {
      if (versions.isEmpty()) {
        subjects.remove(record.subject());
      }
      return;
    }
    RegisteredSchema schema = record.schema();
    versions.put(record.version(), new Stored(schema, record.deleted()));
    SchemaDefinition definition = schema.definition();
    definitions.putIfAbsent(schema.id(), definition);
    holders
        .computeIfAbsent(schema.id(), id -> new HashSet<>())
        .add(new SubjectVersion(schema.subject(), schema.version()));
    idsByDefinition.computeIfAbsent(definition, d -> new TreeSet<>()).add(schema.id());
    idHighWater = Math.max(idHighWater, schema.id());
  }

  private void unindex(RegisteredSchema schema) {
    Set<SubjectVersion> holding = holders.get(schema.id());
    if (holding == null) {
      return;
    }
    holding.remove(new SubjectVersion(schema.subject(), schema.version()));
    if (holding.isEmpty()) {
      holders.remove(schema.id());
      SchemaDefinition definition = definitions.remove(schema.id());
      TreeSet<Integer> ids = idsByDefinition.get(definition);
      if (ids != null) {
        ids.remove(schema.id());
        if (ids.isEmpty()) {
          idsByDefinition.remove(definition);
        }
      }
    }
  }

  /** Every version of {@code subject}, soft-deleted ones included, oldest first. */
  List<Stored> versions(String subject) {
    NavigableMap<Integer, Stored> versions = subjects.get(subject);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** The live versions of {@code subject}, newest first. */
  List<RegisteredSchema> liveNewestFirst(String subject) {
    List<RegisteredSchema> live = new ArrayList<>();
    NavigableMap<Integer, Stored> versions = subjects.get(subject);
    if (versions != null) {
      versions.descendingMap().values().stream()
          .filter(Stored::live)
          .forEach(s -> live.add(s.schema()));
    }
    return live;
  }

  Optional<Stored> version(String subject, int version) {
    NavigableMap<Integer, Stored> versions = subjects.get(subject);
    return Optional.ofNullable(versions == null ? null : versions.get(version));
  }

  /** The highest version number {@code subject} holds, soft-deleted ones included; 0 if none. */
  int maxVersion(String subject) {
    NavigableMap<Integer, Stored> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  /** The subjects that hold a version matching {@code filter}, sorted. */
  List<String> subjects(Predicate<Stored> filter) {
    List<String> names = new ArrayList<>();
    subjects.forEach(
        (name, versions) -> {
          if (versions.values().stream().anyMatch(filter)) {
            names.add(name);
          }
        });
    return names;
  }

  /**
   * The newest version of {@code subject} holding {@code definition} that matches {@code filter}.
   */
  Optional<RegisteredSchema> versionHolding(
      String subject, SchemaDefinition definition, Predicate<Stored> filter) {
    NavigableMap<Integer, Stored> versions = subjects.get(subject);
    if (versions == null) {
      return Optional.empty();
    }
    return versions.descendingMap().values().stream()
        .filter(filter)
        .map(Stored::schema)
        .filter(s -> s.definition().equals(definition))
        .findFirst();
  }

  /** The id {@code definition} already has anywhere in the registry, if any. */
  Optional<Integer> idOf(SchemaDefinition definition) {
    TreeSet<Integer> ids = idsByDefinition.get(definition);
    return ids == null || ids.isEmpty() ? Optional.empty() : Optional.of(ids.first());
  }

  Optional<SchemaDefinition> definition(int id) {
    return Optional.ofNullable(definitions.get(id));
  }

  /** The places holding {@code id}, sorted by subject and version. */
  List<Stored> holdersOf(int id) {
    List<Stored> found = new ArrayList<>();
    for (SubjectVersion place : holders.getOrDefault(id, Collections.emptySet())) {
      version(place.subject(), place.version()).ifPresent(found::add);
    }
    found.sort(
        (a, b) ->
            a.schema().subject().equals(b.schema().subject())
                ? Integer.compare(a.schema().version(), b.schema().version())
                : a.schema().subject().compareTo(b.schema().subject()));
    return found;
  }

  /** The versions whose references name {@code subject} version {@code version}. */
  List<Stored> referrersOf(String subject, int version) {
    List<Stored> referrers = new ArrayList<>();
    for (NavigableMap<Integer, Stored> versions : subjects.values()) {
      for (Stored stored : versions.values()) {
        for (SchemaReference ref : stored.schema().references()) {
          if (ref.subject().equals(subject) && ref.version() == version) {
            referrers.add(stored);
            break;
          }
        }
      }
    }
    return referrers;
  }

  Optional<CompatibilityLevel> globalLevel() {
    return Optional.ofNullable(globalLevel);
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The subject's level, else the global one, else {@link CompatibilityLevel#DEFAULT}. */
  CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElse(globalLevel().orElse(CompatibilityLevel.DEFAULT));
  }

  Optional<RegistryMode> globalMode() {
    return Optional.ofNullable(globalMode);
  }

  Optional<RegistryMode> subjectMode(String subject) {
    return Optional.ofNullable(subjectModes.get(subject));
  }

  /** The subject's mode, else the global one, else READWRITE. */
  RegistryMode effectiveMode(String subject) {
    return subjectMode(subject).orElse(globalMode().orElse(RegistryMode.READWRITE));
  }

  int idHighWater() {
    return idHighWater;
  }
}
