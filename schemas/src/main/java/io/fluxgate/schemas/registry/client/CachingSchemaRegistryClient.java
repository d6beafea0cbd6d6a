package io.fluxgate.schemas.registry.client;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Remembers the registry's answers so that a serializer or deserializer asks the registry once per
 * schema, never once per record. Ids, registrations and numbered versions never change and are kept
 * for the life of the client; the latest version of a subject is kept for a time to live, after
 * which a newly registered version is seen. Failures are not remembered.
 *
 * <p>The caches grow with the number of distinct schemas and subjects a process meets, which is
 * small; two threads missing the same entry at once may both ask the registry.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {
  private final SchemaRegistryClient registry;
  private final long latestTtlNanos;
  private final LongSupplier nanoTime;

  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsByRegistration = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();
  private final Map<SubjectVersion, RegisteredSchema> versions = new ConcurrentHashMap<>();
  private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

  /**
   * @param latestTtl how long the latest version of a subject is kept; negative keeps it forever,
   *     zero not at all
   */
  public CachingSchemaRegistryClient(SchemaRegistryClient registry, Duration latestTtl) {
    this(registry, latestTtl, System::nanoTime);
  }

  CachingSchemaRegistryClient(
      SchemaRegistryClient registry, Duration latestTtl, LongSupplier nanoTime) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.latestTtlNanos = latestTtl.isNegative() ? -1 : latestTtl.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    SubjectSchema key = new SubjectSchema(subject, schema, normalize);
    Integer id = idsByRegistration.get(key);
    if (id == null) {
      RegisteredSchema lookedUp = lookups.get(key);
      id = lookedUp != null ? lookedUp.id() : registry.register(subject, schema, normalize);
      idsByRegistration.put(key, id);
      schemasById.putIfAbsent(id, schema);
    }
    return id;
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema, boolean normalize) {
    SubjectSchema key = new SubjectSchema(subject, schema, normalize);
    RegisteredSchema registered = lookups.get(key);
    if (registered == null) {
      registered = registry.lookup(subject, schema, normalize);
      lookups.put(key, registered);
      remember(registered);
    }
    return registered;
  }

  @Override
  public Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      schema = registry.schemaById(id);
      Schema earlier = schemasById.putIfAbsent(id, schema);
      schema = earlier != null ? earlier : schema;
    }
    return schema;
  }

  @Override
  public RegisteredSchema latestVersion(String subject) {
    if (latestTtlNanos == 0) {
      return remember(registry.latestVersion(subject));
    }
    long now = nanoTime.getAsLong();
    Expiring cached = latest.get(subject);
    if (cached != null && (latestTtlNanos < 0 || now - cached.fetchedAtNanos() < latestTtlNanos)) {
      return cached.registered();
    }
    RegisteredSchema registered = remember(registry.latestVersion(subject));
    latest.put(subject, new Expiring(registered, now));
    return registered;
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    SubjectVersion key = new SubjectVersion(subject, version);
    RegisteredSchema registered = versions.get(key);
    if (registered == null) {
      registered = remember(registry.version(subject, version));
      versions.put(key, registered);
    }
    return registered;
  }

  /** A version, whichever way it was learnt, also answers for its id and its number. */
  private RegisteredSchema remember(RegisteredSchema registered) {
    schemasById.putIfAbsent(registered.id(), registered.schema());
    versions.putIfAbsent(
        new SubjectVersion(registered.subject(), registered.version()), registered);
    return registered;
  }

  private record SubjectSchema(String subject, Schema schema, boolean normalize) {}

  private record SubjectVersion(String subject, int version) {}

  private record Expiring(RegisteredSchema registered, long fetchedAtNanos) {}
}
