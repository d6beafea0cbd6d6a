package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.schemas.registry.SchemaRegistryService;
import io.fluxgate.schemas.registry.SchemaRequest;
import io.fluxgate.schemas.registry.SubjectVersion;
import io.fluxgate.schemas.registry.store.KafkaRegistryLog;
import io.fluxgate.schemas.registry.store.KafkaRegistryLogConfig;
import io.fluxgate.standalone.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two registry instances on one broker, as two gateways run them: registering at the same time,
 * they agree on every id and version, an id is never given to two schemas, and a restarted instance
 * finds everything again.
 */
class SchemaRegistryClusterIT {
  private static final int SUBJECTS = 6;
  private static final int VERSIONS = 4;

  @TempDir static Path dataDir;
  private static EmbeddedKafkaBroker broker;

  private final List<KafkaRegistryLog> logs = new ArrayList<>();

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafkaBroker.builder().dataDir(dataDir).build();
    broker.start();
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void closeLogs() {
    logs.forEach(KafkaRegistryLog::close);
  }

  private SchemaRegistryService instance() {
    KafkaRegistryLog log =
        new KafkaRegistryLog(
            KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", broker.bootstrapServers())));
    logs.add(log);
    SchemaRegistryService registry = new SchemaRegistryService(log);
    registry.start();
    return registry;
  }

  /** Version {@code v} of subject {@code s}: each adds an optional field, so BACKWARD holds. */
  private static String schema(int s, int v) {
    StringBuilder fields = new StringBuilder("{\"name\":\"id\",\"type\":\"string\"}");
    for (int f = 2; f <= v; f++) {
      fields.append(",{\"name\":\"f").append(f).append("\",\"type\":[\"null\",\"long\"],");
      fields.append("\"default\":null}");
    }
    return "{\"type\":\"record\",\"name\":\"S" + s + "\",\"fields\":[" + fields + "]}";
  }

  @Test
  void shouldAgreeOnEveryIdWhenTwoInstancesRegisterAtTheSameTime() throws Exception {
    SchemaRegistryService a = instance();
    SchemaRegistryService b = instance();

    // Both instances register every version of every subject, in the same order, concurrently:
    // each registration races with its twin on the other instance. Two threads per instance
    // take the even and the odd subjects.
    Map<String, Future<List<Integer>>> idsOf = new HashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (SchemaRegistryService instance : List.of(a, b)) {
        for (int half = 0; half < 2; half++) {
          int first = half;
          Callable<List<Integer>> registrations =
              () -> {
                List<Integer> ids = new ArrayList<>();
                for (int s = first; s < SUBJECTS; s += 2) {
                  for (int v = 1; v <= VERSIONS; v++) {
                    ids.add(instance.register("subject-" + s, SchemaRequest.avro(schema(s, v))));
                  }
                }
                return ids;
              };
          idsOf.put((instance == a ? "a" : "b") + first, pool.submit(registrations));
        }
      }
      for (Future<List<Integer>> ids : idsOf.values()) {
        ids.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(idsOf.get("a0").get()).isEqualTo(idsOf.get("b0").get());
    assertThat(idsOf.get("a1").get()).isEqualTo(idsOf.get("b1").get());
    List<Integer> all = new ArrayList<>(idsOf.get("a0").get());
    all.addAll(idsOf.get("a1").get());
    assertThat(all).doesNotHaveDuplicates().hasSize(SUBJECTS * VERSIONS);
    for (int s = 0; s < SUBJECTS; s++) {
      assertThat(a.versions("subject-" + s, false)).containsExactly(1, 2, 3, 4);
      assertThat(b.versions("subject-" + s, false)).containsExactly(1, 2, 3, 4);
      for (int v = 1; v <= VERSIONS; v++) {
        String version = Integer.toString(v);
        assertThat(b.version("subject-" + s, version, false).id())
            .isEqualTo(a.version("subject-" + s, version, false).id());
      }
    }

    // A restarted instance (a new one over the same topic) finds every schema under its id.
    SchemaRegistryService restarted = instance();
    for (int id : all) {
      List<SubjectVersion> where = restarted.versionsById(id, false);
      assertThat(where).hasSize(1);
      SubjectVersion at = where.get(0);
      assertThat(restarted.schemaById(id).schema())
          .isEqualTo(a.version(at.subject(), Integer.toString(at.version()), false).schema());
    }
  }
}
