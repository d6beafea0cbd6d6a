package io.fluxgate.schemas.registry;

import io.fluxgate.schemas.registry.store.RegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * The schema registry with Confluent's semantics (Avro only), kept in a {@link RegistryLog} that
 * every instance shares. Each instance applies the log to its own state; reads first wait until the
 * log is caught up, so a read on one instance sees a write made on another; writes are decided on
 * that state inside {@link RegistryLog#append}, which makes concurrent registrations on several
 * instances safe. Failures are {@link SchemaRegistryException}s carrying Confluent's error codes.
 *
 * <pre>{@code
 * SchemaRegistryService registry = new SchemaRegistryService(log);
 * registry.start();
 * int id = registry.register("payment.processed", SchemaRequest.avro(schemaText));
 * Optional<LatestSchema> typed = registry.latestLocal("payment.processed"); // no I/O
 * }</pre>
 */
public final class SchemaRegistryService {
  /** How long a read waits for the log to catch up before it answers 50002. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final RegistryReplica replica;
  private final RegistryState state;
  private final SchemaResolver resolver;
  private final SubjectCompatibility compatibility;
  private final Registration registration;
  private final Deletion deletion;
  private final RegistrySettings settings;

  public SchemaRegistryService(RegistryLog log) {
    this(log, DEFAULT_TIMEOUT);
  }

  public SchemaRegistryService(RegistryLog log, Duration timeout) {
    this.replica =
        new RegistryReplica(
            Objects.requireNonNull(log, "log"), Objects.requireNonNull(timeout, "timeout"));
    this.state = replica.state();
    this.resolver = replica.resolver();
    this.compatibility = new SubjectCompatibility(resolver);
    this.registration = new Registration(state, resolver, compatibility);
    this.deletion = new Deletion(state);
    this.settings = new RegistrySettings(state);
  }

  /**
   * Applies the whole log, then serves.
   *
   * @throws io.fluxgate.schemas.registry.store.RegistryLogException when the log cannot be read
   */
  public void start() {
    replica.start();
  }

  /** Stops serving: every later call answers 50003. The log is closed by its owner. */
  public void stop() {
    replica.stop();
  }

  /** Registers a schema under a subject and returns its id (an existing one when it is known). */
  public int register(String subject, SchemaRequest request) {
    return write(() -> registration.decide(subject, request));
  }

  /** The newest version of {@code subject} holding the schema (40401, 40403, 42201). */
  public RegisteredSchema lookup(String subject, SchemaRequest request, boolean includeDeleted) {
    Predicate<RegistryState.Stored> visible = visible(includeDeleted);
    return read(
        () -> {
          requireSubject(subject, visible);
          SchemaDefinition definition = resolver.resolve(request).definition();
          return state
              .versionHolding(subject, definition, visible)
              .orElseThrow(() -> SchemaRegistryException.schemaNotFound("Schema not found"));
        });
  }

  /** Soft or permanent delete of a subject; returns the versions deleted. */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    return write(() -> deletion.subject(subject, permanent));
  }

  /** Soft or permanent delete of one version ({@code latest} allowed); returns its number. */
  public int deleteVersion(String subject, String versionId, boolean permanent) {
    VersionId version = VersionId.parse(versionId);
    return write(() -> deletion.version(subject, version, permanent));
  }

  /** The subjects with a live version (or any version), sorted, optionally by name prefix. */
  public List<String> subjects(String prefix, boolean includeDeleted) {
    String start = prefix == null || prefix.equals(":*:") ? "" : prefix;
    return read(
        () ->
            state.subjects(visible(includeDeleted)).stream()
                .filter(s -> s.startsWith(start))
                .toList());
  }

  /** The version numbers of a subject, oldest first (40401 when none is visible). */
  public List<Integer> versions(String subject, boolean includeDeleted) {
    return read(
        () ->
            requireSubject(subject, visible(includeDeleted)).stream()
                .map(s -> s.schema().version())
                .toList());
  }

  /** One version: a number, {@code latest} or {@code -1} (40401, 40402, 42202). */
  public RegisteredSchema version(String subject, String versionId, boolean includeDeleted) {
    VersionId version = VersionId.parse(versionId);
    return read(() -> find(subject, version, visible(includeDeleted)));
  }

  /** The ids of the live schemas that reference a version, ascending. */
  public List<Integer> referencedBy(String subject, String versionId) {
    VersionId version = VersionId.parse(versionId);
    return read(
        () -> {
          RegisteredSchema target = find(subject, version, RegistryState.Stored::live);
          return state.referrersOf(subject, target.version()).stream()
              .filter(RegistryState.Stored::live)
              .map(s -> s.schema().id())
              .distinct()
              .sorted()
              .toList();
        });
  }

  /** What an id stands for (40403), even when every version holding it is soft-deleted. */
  public SchemaDefinition schemaById(int id) {
    return read(() -> definition(id));
  }

  /**
   * The parsed schema with this id, for decoding records: from this instance's state when it has
   * the id, otherwise after catching up with the log (a record may name an id that another instance
   * registered a moment ago). Parsed once per id.
   *
   * @throws SchemaRegistryException 40403 for an id that does not exist
   */
  public Schema writerSchema(int id) {
    Optional<Schema> local =
        replica.locked(() -> state.definition(id).map(d -> resolver.parsed(id, d)));
    return local.orElseGet(() -> read(() -> resolver.parsed(id, definition(id))));
  }

  /** The subjects holding an id (40403 for an unknown id), sorted. */
  public List<String> subjectsById(int id, boolean includeDeleted) {
    return versionsById(id, includeDeleted).stream()
        .map(SubjectVersion::subject)
        .distinct()
        .toList();
  }

  /** The places holding an id (40403 for an unknown id), sorted by subject and version. */
  public List<SubjectVersion> versionsById(int id, boolean includeDeleted) {
    return read(
        () -> {
          definition(id);
          return state.holdersOf(id).stream()
              .filter(visible(includeDeleted))
              .map(s -> new SubjectVersion(s.schema().subject(), s.schema().version()))
              .toList();
        });
  }

  /**
   * Why {@code request} may not follow one version of a subject under its level; empty when it may.
   * {@code latest} of a subject without versions is compatible.
   */
  public List<Incompatibility> testCompatibility(
      String subject, String versionId, SchemaRequest request) {
    VersionId version = VersionId.parse(versionId);
    return read(
        () -> {
          if (version.isLatest() && state.liveNewestFirst(subject).isEmpty()) {
            resolver.resolve(request);
            return List.of();
          }
          RegisteredSchema target = find(subject, version, RegistryState.Stored::live);
          CompatibilityLevel level =
              SubjectCompatibility.singleVersion(state.effectiveLevel(subject));
          return compatibility.check(level, resolver.resolve(request).schema(), List.of(target));
        });
  }

  /** Why {@code request} may not be registered next in a subject, judged as registration does. */
  public List<Incompatibility> testCompatibilityWithAll(String subject, SchemaRequest request) {
    return read(
        () ->
            compatibility.check(
                state.effectiveLevel(subject),
                resolver.resolve(request).schema(),
                state.liveNewestFirst(subject)));
  }

  /** The global level; BACKWARD when none was set. */
  public CompatibilityLevel globalCompatibility() {
    return read(() -> state.globalLevel().orElse(CompatibilityLevel.DEFAULT));
  }

  public CompatibilityLevel setGlobalCompatibility(CompatibilityLevel level) {
    return write(() -> settings.setLevel(null, Objects.requireNonNull(level, "level")));
  }

  /** Removes the global level and returns it; the default applies again. */
  public CompatibilityLevel deleteGlobalCompatibility() {
    return write(() -> settings.deleteLevel(null));
  }

  /** A subject's own level, else (with {@code defaultToGlobal}) the global one, else 40408. */
  public CompatibilityLevel subjectCompatibility(String subject, boolean defaultToGlobal) {
    return read(
        () ->
            state
                .subjectLevel(subject)
                .or(
                    () ->
                        defaultToGlobal
                            ? Optional.of(state.effectiveLevel(subject))
                            : Optional.empty())
                .orElseThrow(() -> SchemaRegistryException.subjectLevelConfigNotFound(subject)));
  }

  public CompatibilityLevel setSubjectCompatibility(String subject, CompatibilityLevel level) {
    return write(() -> settings.setLevel(subject, Objects.requireNonNull(level, "level")));
  }

  /** Removes a subject's own level and returns it (40408 when it has none). */
  public CompatibilityLevel deleteSubjectCompatibility(String subject) {
    return write(() -> settings.deleteLevel(subject));
  }

  /** The global mode; READWRITE when none was set. */
  public RegistryMode globalMode() {
    return read(() -> state.globalMode().orElse(RegistryMode.READWRITE));
  }

  /** Sets the global mode; IMPORT needs an empty registry or {@code force} (42205). */
  public RegistryMode setGlobalMode(RegistryMode mode, boolean force) {
    return write(() -> settings.setMode(null, Objects.requireNonNull(mode, "mode"), force));
  }

  /** A subject's own mode, else (with {@code defaultToGlobal}) the global one, else 40409. */
  public RegistryMode subjectMode(String subject, boolean defaultToGlobal) {
    return read(
        () ->
            state
                .subjectMode(subject)
                .or(
                    () ->
                        defaultToGlobal
                            ? Optional.of(state.effectiveMode(subject))
                            : Optional.empty())
                .orElseThrow(() -> SchemaRegistryException.subjectLevelModeNotFound(subject)));
  }

  /** Sets a subject's mode; IMPORT needs a subject without live versions or {@code force}. */
  public RegistryMode setSubjectMode(String subject, RegistryMode mode, boolean force) {
    return write(() -> settings.setMode(subject, Objects.requireNonNull(mode, "mode"), force));
  }

  /** Removes a subject's own mode and returns it (40409 when it has none). */
  public RegistryMode deleteSubjectMode(String subject) {
    return write(() -> settings.deleteMode(subject));
  }

  /**
   * The latest live version of {@code subject} and its parsed schema, from this instance's state:
   * no waiting, no I/O, parsed once per change of the subject. For the publishing hot path; it may
   * lag a write made on another instance by the log's replication delay.
   */
  public Optional<LatestSchema> latestLocal(String subject) {
    return replica.latestLocal(subject);
  }

  private RegisteredSchema find(
      String subject, VersionId version, Predicate<RegistryState.Stored> visible) {
    List<RegistryState.Stored> versions = requireSubject(subject, visible);
    if (version.isLatest()) {
      return versions.get(versions.size() - 1).schema();
    }
    return versions.stream()
        .map(RegistryState.Stored::schema)
        .filter(s -> s.version() == version.number())
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
  }

  private List<RegistryState.Stored> requireSubject(
      String subject, Predicate<RegistryState.Stored> visible) {
    List<RegistryState.Stored> versions = state.versions(subject).stream().filter(visible).toList();
    if (versions.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  private SchemaDefinition definition(int id) {
    return state
        .definition(id)
        .orElseThrow(() -> SchemaRegistryException.schemaNotFound("Schema " + id + " not found"));
  }

  private static Predicate<RegistryState.Stored> visible(boolean includeDeleted) {
    return includeDeleted ? s -> true : RegistryState.Stored::live;
  }

  private <T> T read(Supplier<T> query) {
    return replica.read(query);
  }

  private <T> T write(Supplier<Proposal<T>> decision) {
    return replica.write(decision);
  }
}
