package io.fluxgate.schemas.registry;

import io.fluxgate.schemas.registry.store.RegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import io.fluxgate.schemas.registry.store.RegistryLogException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's copy of the registry: the state the log's records build, one lock around it, and
 * the consistency rules of every call. Reads wait until the log is caught up, writes are decided
 * under the lock inside {@link RegistryLog#append}, and the log is never called while the lock is
 * held, so the log's own locking cannot deadlock with ours.
 */
final class RegistryReplica {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryReplica.class);
  private static final int MAX_CACHED_ABSENT_SUBJECTS = 10_000;

  private final RegistryLog log;
  private final Duration timeout;
  private final ReentrantLock lock = new ReentrantLock();
  private final RegistryState state = new RegistryState();
  private final SchemaResolver resolver = new SchemaResolver(state);
  private final Map<String, Optional<LatestSchema>> latest = new ConcurrentHashMap<>();
  private volatile boolean serving;

  RegistryReplica(RegistryLog log, Duration timeout) {
    this.log = log;
    this.timeout = timeout;
  }

  RegistryState state() {
    return state;
  }

  SchemaResolver resolver() {
    return resolver;
  }

  void start() {
    log.start(this::apply);
    serving = true;
  }

  void stop() {
    serving = false;
  }

  /** Runs {@code query} under the lock once every record committed before has been applied. */
  <T> T read(Supplier<T> query) {
    requireServing();
    try {
      log.awaitCaughtUp(timeout);
    } catch (RegistryLogException e) {
      throw translate(e);
    }
    return locked(query);
  }

  /** Appends what {@code decision}, made under the lock, proposes, and returns its result. */
  <T> T write(Supplier<Proposal<T>> decision) {
    requireServing();
    try {
      return log.append(() -> locked(decision));
    } catch (RegistryLogException e) {
      throw translate(e);
    }
  }

  /** The latest live version of a subject, parsed; cached until a record touches the subject. */
  Optional<LatestSchema> latestLocal(String subject) {
    Optional<LatestSchema> cached = latest.get(subject);
    if (cached != null) {
      return cached;
    }
    return locked(
        () -> {
          Optional<LatestSchema> found =
              state.liveNewestFirst(subject).stream()
                  .findFirst()
                  .map(r -> new LatestSchema(r, resolver.parsed(r.id(), r.definition())));
          if (found.isPresent() || latest.size() < MAX_CACHED_ABSENT_SUBJECTS) {
            latest.put(subject, found);
          }
          return found;
        });
  }

  private void apply(byte[] key, byte[] value) {
    Optional<RegistryRecord> decoded;
    try {
      decoded = RegistryRecords.decode(key, value);
    } catch (IllegalArgumentException e) {
      LOG.warn("Skipping a malformed schema registry record: {}", e.getMessage());
      return;
    }
    decoded.ifPresent(
        record ->
            locked(
                () -> {
                  if (record instanceof RegistryRecord.SchemaVersion version) {
                    state
                        .version(version.subject(), version.version())
                        .ifPresent(old -> resolver.forget(old.schema().id()));
                    latest.remove(version.subject());
                  }
                  state.apply(record);
                  return null;
                }));
  }

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private void requireServing() {
    if (!serving) {
      // We never forward to a leader; an instance that is not serving is the nearest analogue.
      throw SchemaRegistryException.forwardingError(
          "This schema registry instance is not serving (not started, or stopped); retry on"
              + " another instance",
          null);
    }
  }

  private static SchemaRegistryException translate(RegistryLogException e) {
    return e.timedOut()
        ? SchemaRegistryException.operationTimeout(
            "The schema store did not answer in time: " + e.getMessage(), e)
        : SchemaRegistryException.storeError("The schema store failed: " + e.getMessage(), e);
  }
}
