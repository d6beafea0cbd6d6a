package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.MONEY;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V1;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V2;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static io.fluxgate.schemas.registry.RegistryFixtures.order;
import static io.fluxgate.schemas.registry.RegistryFixtures.record;
import static io.fluxgate.schemas.registry.RegistryFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.registry.store.InMemoryRegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLog;
import io.fluxgate.schemas.registry.store.RegistryLogException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Several instances over one log, restarts, and a failing store. */
class SchemaRegistryServiceSharedLogTest {
  private final InMemoryRegistryLog log = new InMemoryRegistryLog();

  @Test
  void shouldLetAReadOnOneInstanceSeeAWriteMadeOnAnother() {
    SchemaRegistryService first = started(log);
    SchemaRegistryService second = started(log);

    int id = first.register("payments", avro(PAYMENT_V1));

    assertThat(second.version("payments", "latest", false).id()).isEqualTo(id);
    assertThat(second.latestLocal("payments")).isPresent();
    assertThat(second.register("payments", avro(PAYMENT_V1))).isEqualTo(id);
  }

  @Test
  void shouldHandOutUniqueIdsAndConsistentVersionsWhenTwoInstancesRegisterConcurrently()
      throws Exception {
    SchemaRegistryService first = started(log);
    SchemaRegistryService second = started(log);
    first.setGlobalCompatibility(CompatibilityLevel.NONE);
    int schemas = 40;
    CountDownLatch go = new CountDownLatch(1);
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < schemas; i++) {
      SchemaRegistryService instance = i % 2 == 0 ? first : second;
      String schema = record("Shared" + (i / 2)); // each schema is registered by both instances
      String subject = "subject-" + (i % 4);
      calls.add(
          () -> {
            go.await();
            return instance.register(subject, avro(schema));
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> futures = calls.stream().map(pool::submit).toList();
      go.countDown();
      Map<String, Integer> idBySchema = new HashMap<>();
      for (int i = 0; i < schemas; i++) {
        Integer previous = idBySchema.putIfAbsent("Shared" + (i / 2), futures.get(i).get());
        if (previous != null) {
          assertThat(futures.get(i).get()).as("same schema, same id").isEqualTo(previous);
        }
      }
      assertThat(idBySchema.values()).doesNotHaveDuplicates().hasSize(schemas / 2);
    } finally {
      pool.shutdownNow();
    }

    for (String subject : first.subjects(null, true)) {
      List<Integer> versions = first.versions(subject, true);
      assertThat(versions).isEqualTo(second.versions(subject, true));
      assertThat(versions).containsExactlyElementsOf(range(1, versions.size()));
    }
  }

  @Test
  void shouldDecideWithoutSideEffectsSoTheLogMayDecideAgain() {
    SchemaRegistryService registry = started(new DecidingTwice(log));

    int first = registry.register("payments", avro(PAYMENT_V1));
    int second = registry.register("other", avro(record("Other")));

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(2);
  }

  @Test
  void shouldSeeEverythingAfterARestartOverTheSameLog() {
    SchemaRegistryService before = started(log);
    before.register("money", avro(MONEY));
    before.register("orders", order(1));
    before.register("payments", avro(PAYMENT_V1));
    before.register("payments", avro(PAYMENT_V2));
    before.deleteVersion("payments", "1", false);
    before.setSubjectCompatibility("orders", CompatibilityLevel.FULL);
    before.setGlobalMode(RegistryMode.READWRITE, false);

    SchemaRegistryService after = started(log);

    assertSameRegistry(before, after);
  }

  @Test
  void shouldRebuildTheSameStateFromACompactedLog() {
    SchemaRegistryService before = started(log);
    before.register("money", avro(MONEY));
    before.register("orders", order(1));
    before.register("payments", avro(PAYMENT_V1));
    int dropped = before.register("gone", avro(record("Gone")));
    before.deleteSubject("gone", false);
    before.deleteSubject("gone", true);
    before.setSubjectCompatibility("payments", CompatibilityLevel.NONE);
    before.deleteSubjectCompatibility("payments");
    before.setGlobalCompatibility(CompatibilityLevel.FULL);

    SchemaRegistryService after = started(log.compacted());

    assertSameRegistry(before, after);
    assertThat(after.register("new", avro(record("New")))).isGreaterThan(dropped);
  }

  @Test
  void shouldAnswer50001WhenTheStoreFails() {
    SchemaRegistryService registry = started(log);
    log.failWith(new RegistryLogException("broker down", false, null));

    assertRegistryError(() -> registry.register("payments", avro(PAYMENT_V1)), 500, 50001);
    assertRegistryError(() -> registry.subjects(null, false), 500, 50001);
  }

  @Test
  void shouldAnswer50002WhenTheStoreTimesOut() {
    SchemaRegistryService registry = started(log);
    log.failWith(new RegistryLogException("no answer", true, null));

    assertRegistryError(() -> registry.register("payments", avro(PAYMENT_V1)), 500, 50002);
    assertRegistryError(() -> registry.versions("payments", false), 500, 50002);
  }

  @Test
  void shouldAnswer50003WhileNotServing() {
    SchemaRegistryService unstarted = new SchemaRegistryService(log, Duration.ofSeconds(1));
    SchemaRegistryService stopped = started(log);
    stopped.stop();

    assertRegistryError(() -> unstarted.subjects(null, false), 500, 50003);
    assertRegistryError(() -> stopped.register("payments", avro(PAYMENT_V1)), 500, 50003);
  }

  @Test
  void shouldSkipMalformedAndUnknownRecords() {
    log.append(
        () ->
            new RegistryLog.Proposal<>(
                List.of(
                    new RegistryLog.Entry("not json".getBytes(), "x".getBytes()),
                    new RegistryLog.Entry("{\"keytype\":\"NOOP\"}".getBytes(), "{}".getBytes())),
                null));

    SchemaRegistryService registry = started(log);

    assertThat(registry.register("payments", avro(PAYMENT_V1))).isEqualTo(1);
  }

  private static void assertSameRegistry(SchemaRegistryService a, SchemaRegistryService b) {
    assertThat(b.subjects(null, true)).isEqualTo(a.subjects(null, true));
    for (String subject : a.subjects(null, true)) {
      for (int version : a.versions(subject, true)) {
        assertThat(b.version(subject, Integer.toString(version), true))
            .isEqualTo(a.version(subject, Integer.toString(version), true));
      }
      assertThat(b.versions(subject, false)).isEqualTo(a.versions(subject, false));
      assertThat(b.subjectCompatibility(subject, true))
          .isEqualTo(a.subjectCompatibility(subject, true));
    }
    assertThat(b.globalCompatibility()).isEqualTo(a.globalCompatibility());
    assertThat(b.globalMode()).isEqualTo(a.globalMode());
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> numbers = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      numbers.add(i);
    }
    return numbers;
  }

  /** A log that throws every first decision away, as when another instance wrote first. */
  private static final class DecidingTwice implements RegistryLog {
    private final RegistryLog delegate;

    DecidingTwice(RegistryLog delegate) {
      this.delegate = delegate;
    }

    @Override
    public void start(RecordSink sink) {
      delegate.start(sink);
    }

    @Override
    public void awaitCaughtUp(Duration timeout) {
      delegate.awaitCaughtUp(timeout);
    }

    @Override
    public <T> T append(Supplier<Proposal<T>> decide) {
      decide.get();
      return delegate.append(decide);
    }

    @Override
    public void close() throws java.io.IOException {
      delegate.close();
    }
  }
}
