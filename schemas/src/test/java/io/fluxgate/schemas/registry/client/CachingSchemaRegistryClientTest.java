package io.fluxgate.schemas.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CachingSchemaRegistryClientTest {
  private static final Schema V1 =
      SchemaBuilder.record("Payment").fields().requiredString("id").endRecord();
  private static final Schema V2 =
      SchemaBuilder.record("Payment")
          .fields()
          .requiredString("id")
          .optionalDouble("amount")
          .endRecord();

  private final CountingRegistry registry = new CountingRegistry();
  private final AtomicLong now = new AtomicLong();

  private CachingSchemaRegistryClient caching(Duration latestTtl) {
    return new CachingSchemaRegistryClient(registry, latestTtl, now::get);
  }

  @Test
  void shouldRegisterEachSchemaOncePerSubject() {
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    for (int i = 0; i < 100; i++) {
      assertThat(client.register("a-value", V1)).isEqualTo(1);
      assertThat(client.register("b-value", V1)).isEqualTo(1);
    }

    assertThat(registry.calls).containsExactly("register a-value", "register b-value");
  }

  @Test
  void shouldKnowTheSchemaOfAnIdItRegistered() {
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    int id = client.register("a-value", V1);

    assertThat(client.schemaById(id)).isEqualTo(V1);
    assertThat(registry.calls).containsExactly("register a-value");
  }

  @Test
  void shouldFetchEachIdOnce() {
    registry.add("a-value", V1);
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    for (int i = 0; i < 100; i++) {
      assertThat(client.schemaById(1)).isEqualTo(V1);
    }

    assertThat(registry.calls).containsExactly("schemaById 1");
  }

  @Test
  void shouldLookUpOnceAndAnswerRegistrationsAndIdsFromTheLookup() {
    registry.add("a-value", V1);
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    for (int i = 0; i < 100; i++) {
      assertThat(client.lookup("a-value", V1, false).version()).isEqualTo(1);
    }
    assertThat(client.register("a-value", V1)).isEqualTo(1);
    assertThat(client.schemaById(1)).isEqualTo(V1);
    assertThat(client.version("a-value", 1).schema()).isEqualTo(V1);

    assertThat(registry.calls).containsExactly("lookup a-value");
  }

  @Test
  void shouldFetchEachNumberedVersionOnce() {
    registry.add("a-value", V1);
    registry.add("a-value", V2);
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    for (int i = 0; i < 100; i++) {
      assertThat(client.version("a-value", 1).schema()).isEqualTo(V1);
      assertThat(client.version("a-value", 2).schema()).isEqualTo(V2);
    }

    assertThat(registry.calls).containsExactly("version a-value 1", "version a-value 2");
  }

  @Test
  void shouldKeepTheLatestVersionForItsTimeToLive() {
    registry.add("a-value", V1);
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    assertThat(client.latestVersion("a-value").version()).isEqualTo(1);
    registry.add("a-value", V2);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(client.latestVersion("a-value").version()).isEqualTo(1);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(client.latestVersion("a-value").version()).isEqualTo(2);

    assertThat(registry.calls).containsExactly("latest a-value", "latest a-value");
  }

  @Test
  void shouldKeepTheLatestVersionForeverWhenTheTimeToLiveIsNegative() {
    registry.add("a-value", V1);
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(-1));

    client.latestVersion("a-value");
    registry.add("a-value", V2);
    now.addAndGet(Duration.ofDays(365).toNanos());

    assertThat(client.latestVersion("a-value").version()).isEqualTo(1);
    assertThat(registry.calls).containsExactly("latest a-value");
  }

  @Test
  void shouldAskForTheLatestVersionEveryTimeWhenTheTimeToLiveIsZero() {
    registry.add("a-value", V1);
    CachingSchemaRegistryClient client = caching(Duration.ZERO);

    client.latestVersion("a-value");
    client.latestVersion("a-value");

    assertThat(registry.calls).containsExactly("latest a-value", "latest a-value");
  }

  @Test
  void shouldNotRememberFailures() {
    CachingSchemaRegistryClient client = caching(Duration.ofSeconds(60));

    assertThatThrownBy(() -> client.schemaById(1))
        .isInstanceOf(SchemaRegistryClientException.class);
    registry.add("a-value", V1);

    assertThat(client.schemaById(1)).isEqualTo(V1);
    assertThat(registry.calls).containsExactly("schemaById 1", "schemaById 1");
  }

  /** An in-memory registry that records each call made to it. */
  private static final class CountingRegistry implements SchemaRegistryClient {
    final List<String> calls = new ArrayList<>();
    private final List<Schema> schemas = new ArrayList<>();
    private final List<RegisteredSchema> versions = new ArrayList<>();

    void add(String subject, Schema schema) {
      int id = schemas.indexOf(schema) + 1;
      if (id == 0) {
        schemas.add(schema);
        id = schemas.size();
      }
      int version = (int) versions.stream().filter(v -> v.subject().equals(subject)).count() + 1;
      versions.add(new RegisteredSchema(subject, id, version, schema));
    }

    @Override
    public int register(String subject, Schema schema, boolean normalize) {
      calls.add("register " + subject);
      add(subject, schema);
      return schemas.indexOf(schema) + 1;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema, boolean normalize) {
      calls.add("lookup " + subject);
      return versions.stream()
          .filter(v -> v.subject().equals(subject) && v.schema().equals(schema))
          .findFirst()
          .orElseThrow(() -> new SchemaRegistryClientException("Schema not found", 404, 40403));
    }

    @Override
    public Schema schemaById(int id) {
      calls.add("schemaById " + id);
      if (id > schemas.size()) {
        throw new SchemaRegistryClientException("Schema " + id + " not found", 404, 40403);
      }
      return schemas.get(id - 1);
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
      calls.add("latest " + subject);
      return versions.stream().filter(v -> v.subject().equals(subject)).reduce((a, b) -> b).get();
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
      calls.add("version " + subject + " " + version);
      return versions.stream()
          .filter(v -> v.subject().equals(subject) && v.version() == version)
          .findFirst()
          .get();
    }
  }
}
