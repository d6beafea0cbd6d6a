package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_BREAKING;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V1;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V2;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static io.fluxgate.schemas.registry.RegistryFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SchemaRegistryServiceRegistrationTest {
  private final SchemaRegistryService registry = RegistryFixtures.startedRegistry();

  @Test
  void shouldGiveTheFirstSchemaId1AndVersion1() {
    int id = registry.register("payments", avro(PAYMENT_V1));

    assertThat(id).isEqualTo(1);
    RegisteredSchema stored = registry.version("payments", "1", false);
    assertThat(stored.id()).isEqualTo(1);
    assertThat(stored.subject()).isEqualTo("payments");
    assertThat(stored.schemaType()).isEqualTo("AVRO");
    assertThat(stored.references()).isEmpty();
  }

  @Test
  void shouldStoreTheCanonicalTextWithoutInsignificantWhitespace() {
    registry.register("payments", avro(PAYMENT_V1.replace(",", ",\n   ")));

    assertThat(registry.version("payments", "latest", false).schema()).isEqualTo(PAYMENT_V1);
  }

  @Test
  void shouldReturnTheSameIdAndNoNewVersionForTheSameSchemaTwice() {
    int first = registry.register("payments", avro(PAYMENT_V1));
    int second = registry.register("payments", avro(PAYMENT_V1.replace(":", " : ")));

    assertThat(second).isEqualTo(first);
    assertThat(registry.versions("payments", false)).containsExactly(1);
  }

  @Test
  void shouldReturnTheExistingIdOfAnOlderVersion() {
    int v1 = registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.register("payments", avro(PAYMENT_V1))).isEqualTo(v1);
    assertThat(registry.versions("payments", false)).containsExactly(1, 2);
  }

  @Test
  void shouldGiveASchemaRegisteredUnderASecondSubjectTheSameId() {
    int first = registry.register("payments", avro(PAYMENT_V1));
    int second = registry.register("payments-copy", avro(PAYMENT_V1));

    assertThat(second).isEqualTo(first);
    assertThat(registry.version("payments-copy", "1", false).id()).isEqualTo(first);
    assertThat(registry.subjectsById(first, false)).containsExactly("payments", "payments-copy");
    assertThat(registry.versionsById(first, false))
        .containsExactly(new SubjectVersion("payments", 1), new SubjectVersion("payments-copy", 1));
  }

  @Test
  void shouldGiveDistinctSchemasDistinctIdsAcrossSubjects() {
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);
    List<Integer> ids =
        IntStream.range(0, 6)
            .mapToObj(i -> registry.register("subject-" + (i % 3), avro(record("R" + i))))
            .toList();

    assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void shouldNumberVersionsPerSubject() {
    registry.register("a", avro(record("A")));
    registry.register("b", avro(record("B")));
    registry.setSubjectCompatibility("a", CompatibilityLevel.NONE);
    registry.register("a", avro(record("A2")));

    assertThat(registry.version("a", "latest", false).version()).isEqualTo(2);
    assertThat(registry.version("b", "-1", false).version()).isEqualTo(1);
  }

  @Test
  void shouldRefuseABackwardIncompatibleSchemaWithReasonsAgainstTheLatestVersion() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.register("payments", avro(PAYMENT_BREAKING)), 409, 409)
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .hasMessageContaining("against version 1");
    assertThat(registry.versions("payments", false)).containsExactly(1);
  }

  @Test
  void shouldAcceptACompatibleEvolution() {
    registry.register("payments", avro(PAYMENT_V1));

    int id = registry.register("payments", avro(PAYMENT_V2));

    assertThat(id).isEqualTo(2);
    assertThat(registry.versions("payments", false)).containsExactly(1, 2);
  }

  @Test
  void shouldAcceptAnyEvolutionUnderNone() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.setSubjectCompatibility("payments", CompatibilityLevel.NONE);

    assertThat(registry.register("payments", avro(PAYMENT_BREAKING))).isEqualTo(2);
  }

  @Test
  void shouldCheckEveryLiveVersionUnderATransitiveLevel() {
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));
    registry.setSubjectCompatibility("payments", CompatibilityLevel.FORWARD_TRANSITIVE);
    String removesAmount = PAYMENT_V1.replace("\"string\"", "\"string\",\"doc\":\"id\"");

    // Removing the defaulted amount is forward-compatible with version 1 but also with 2 (it has
    // a default); a new field without default breaks neither; dropping "id" breaks both.
    String withoutId =
        "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"com.acme\","
            + "\"fields\":[{\"name\":\"other\",\"type\":\"int\",\"default\":0}]}";

    assertThat(registry.register("payments", avro(removesAmount))).isEqualTo(3);
    assertRegistryError(() -> registry.register("payments", avro(withoutId)), 409, 409)
        .hasMessageContaining("against version 1")
        .hasMessageContaining("against version 2")
        .hasMessageContaining("against version 3");
  }

  @Test
  void shouldRefuseAnInvalidAvroSchema() {
    assertRegistryError(
        () -> registry.register("payments", avro("{\"type\":\"recrod\"}")), 422, 42201);
    assertRegistryError(() -> registry.register("payments", avro("not json")), 422, 42201);
  }

  @Test
  void shouldRefuseAnEmptySchema() {
    assertRegistryError(() -> registry.register("payments", avro("  ")), 422, 42201)
        .hasMessageContaining("empty");
    assertRegistryError(() -> registry.register("payments", avro(null)), 422, 42201);
  }

  @Test
  void shouldRefuseJsonAndProtobufSchemasSayingOnlyAvroIsSupported() {
    for (String type : List.of("JSON", "PROTOBUF", "XML")) {
      SchemaRequest request = new SchemaRequest(type, "{\"type\":\"object\"}", null, null, null);

      assertRegistryError(() -> registry.register("payments", request), 422, 42201)
          .hasMessageContaining("only AVRO");
    }
  }

  @Test
  void shouldTreatAMissingOrLowerCaseTypeAsAvro() {
    int id = registry.register("payments", new SchemaRequest(null, PAYMENT_V1, null, null, null));

    assertThat(
            registry.register("payments", new SchemaRequest("avro", PAYMENT_V1, null, null, null)))
        .isEqualTo(id);
  }

  @Test
  void shouldRefuseAnEmptySubjectOrOneWithControlCharacters() {
    assertRegistryError(() -> registry.register("", avro(PAYMENT_V1)), 422, 42208);
    assertRegistryError(() -> registry.register("a\u0000b", avro(PAYMENT_V1)), 422, 42208);
  }

  @Test
  void shouldRefuseAnIdInReadWriteModeForANewSchema() {
    assertRegistryError(
            () -> registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(7, null)),
            422,
            42205)
        .hasMessageContaining("IMPORT");
  }

  @Test
  void shouldAcceptTheMatchingIdOfAKnownSchemaAndRefuseAnotherWith42207() {
    int id = registry.register("payments", avro(PAYMENT_V1));

    assertThat(registry.register("copy", avro(PAYMENT_V1).withIdAndVersion(id, null)))
        .isEqualTo(id);
    assertRegistryError(
        () -> registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(id + 5, null)),
        422,
        42207);
  }

  @Test
  void shouldAcceptTheVersionARegistrationGetsAndRefuseAnother() {
    registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(null, 1));

    assertRegistryError(
        () -> registry.register("payments", avro(PAYMENT_V2).withIdAndVersion(null, 5)),
        422,
        42205);
    assertThat(registry.register("payments", avro(PAYMENT_V2).withIdAndVersion(-1, -1)))
        .isEqualTo(2);
  }

  @Test
  void shouldLookUpTheVersionHoldingASchema() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    RegisteredSchema found = registry.lookup("payments", avro(PAYMENT_V1), false);

    assertThat(found.version()).isEqualTo(1);
    assertThat(found.id()).isEqualTo(1);
  }

  @Test
  void shouldAnswer40401And40403ForLookupsThatFindNothing() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.lookup("nothing", avro(PAYMENT_V1), false), 404, 40401);
    assertRegistryError(() -> registry.lookup("payments", avro(PAYMENT_V2), false), 404, 40403);
  }

  @Test
  void shouldAnswer40402And42202ForVersionsThatDoNotExistOrAreNotVersions() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.version("payments", "2", false), 404, 40402);
    assertRegistryError(() -> registry.version("nothing", "1", false), 404, 40401);
    for (String bad : List.of("0", "-2", "abc", "1.5", "99999999999", "")) {
      assertRegistryError(() -> registry.version("payments", bad, false), 422, 42202);
    }
  }

  @Test
  void shouldListSubjectsSortedAndByPrefix() {
    for (String subject : List.of("b.two", "a.one", "b.one")) {
      registry.register(subject, avro(record(subject.replace(".", "_"))));
    }

    assertThat(registry.subjects(null, false)).containsExactly("a.one", "b.one", "b.two");
    assertThat(registry.subjects("b.", false)).containsExactly("b.one", "b.two");
    assertThat(registry.subjects(":*:", false)).hasSize(3);
  }

  @Test
  void shouldAnswer40403ForAnUnknownId() {
    assertRegistryError(() -> registry.schemaById(42), 404, 40403);
    assertRegistryError(() -> registry.subjectsById(42, false), 404, 40403);
    assertRegistryError(() -> registry.versionsById(42, true), 404, 40403);
  }

  @Test
  void shouldServeTheLatestVersionParsedWithoutWaiting() {
    assertThat(registry.latestLocal("payments")).isEmpty();
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    LatestSchema latest = registry.latestLocal("payments").orElseThrow();

    assertThat(latest.registered().version()).isEqualTo(2);
    assertThat(latest.schema().getField("amount")).isNotNull();
    assertThat(registry.latestLocal("payments").orElseThrow().schema()).isSameAs(latest.schema());
  }

  @Test
  void shouldHandOutUniqueIdsForManyDistinctSchemas() {
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);
    Set<Integer> ids =
        IntStream.range(0, 50)
            .mapToObj(i -> registry.register("s" + i % 7, avro(record("T" + i))))
            .collect(Collectors.toSet());

    assertThat(ids).hasSize(50);
  }
}
