package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_BREAKING;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V1;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V2;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static io.fluxgate.schemas.registry.RegistryFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaRegistryServiceSettingsTest {
  private final SchemaRegistryService registry = RegistryFixtures.startedRegistry();

  @Test
  void shouldDefaultToBackwardAndReadWrite() {
    assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.globalMode()).isEqualTo(RegistryMode.READWRITE);
    assertThat(registry.subjectCompatibility("any", true)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.subjectMode("any", true)).isEqualTo(RegistryMode.READWRITE);
  }

  @Test
  void shouldRoundTripTheGlobalLevelAndFallBackToTheDefaultWhenDeleted() {
    registry.setGlobalCompatibility(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

    assertThat(registry.deleteGlobalCompatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);

    assertThat(registry.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void shouldRoundTripASubjectLevelWhichOverridesTheGlobalOne() {
    registry.setGlobalCompatibility(CompatibilityLevel.FORWARD);
    registry.setSubjectCompatibility("payments", CompatibilityLevel.NONE);

    assertThat(registry.subjectCompatibility("payments", false)).isEqualTo(CompatibilityLevel.NONE);
    assertThat(registry.subjectCompatibility("other", true)).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(registry.deleteSubjectCompatibility("payments")).isEqualTo(CompatibilityLevel.NONE);
    assertRegistryError(() -> registry.subjectCompatibility("payments", false), 404, 40408);
    assertRegistryError(() -> registry.deleteSubjectCompatibility("payments"), 404, 40408);
  }

  @Test
  void shouldApplyTheGlobalLevelToSubjectsWithoutTheirOwn() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.setGlobalCompatibility(CompatibilityLevel.NONE);

    assertThat(registry.register("payments", avro(PAYMENT_BREAKING))).isEqualTo(2);
  }

  @Test
  void shouldRefuseRegistrationsInReadOnlyModeButStillServeReads() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.setGlobalMode(RegistryMode.READONLY, false);

    assertRegistryError(() -> registry.register("payments", avro(PAYMENT_V2)), 422, 42205)
        .hasMessageContaining("read-only");
    assertThat(registry.version("payments", "1", false).id()).isEqualTo(1);

    registry.setGlobalMode(RegistryMode.READWRITE, false);
    assertThat(registry.register("payments", avro(PAYMENT_V2))).isEqualTo(2);
  }

  @Test
  void shouldLetASubjectModeOverrideTheGlobalOne() {
    registry.setGlobalMode(RegistryMode.READONLY, false);
    registry.setSubjectMode("payments", RegistryMode.READWRITE, false);

    assertThat(registry.register("payments", avro(PAYMENT_V1))).isEqualTo(1);
    assertRegistryError(() -> registry.register("other", avro(PAYMENT_V1)), 422, 42205);
    assertThat(registry.deleteSubjectMode("payments")).isEqualTo(RegistryMode.READWRITE);
    assertRegistryError(() -> registry.deleteSubjectMode("payments"), 404, 40409);
  }

  @Test
  void shouldRefuseImportModeWithExistingSchemasUnlessForced() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.setGlobalMode(RegistryMode.IMPORT, false), 422, 42205);
    assertRegistryError(
        () -> registry.setSubjectMode("payments", RegistryMode.IMPORT, false), 422, 42205);
    assertThat(registry.setSubjectMode("empty", RegistryMode.IMPORT, false))
        .isEqualTo(RegistryMode.IMPORT);
    assertThat(registry.setGlobalMode(RegistryMode.IMPORT, true)).isEqualTo(RegistryMode.IMPORT);
  }

  @Test
  void shouldImportWithTheGivenIdAndVersionAndContinueAboveTheHighestIdAfterwards() {
    registry.setGlobalMode(RegistryMode.IMPORT, false);

    assertThat(registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(100, 3)))
        .isEqualTo(100);
    assertThat(registry.register("payments", avro(PAYMENT_BREAKING).withIdAndVersion(42, null)))
        .isEqualTo(42);
    registry.setGlobalMode(RegistryMode.READWRITE, false);
    registry.setSubjectCompatibility("fresh", CompatibilityLevel.NONE);

    assertThat(registry.versions("payments", false)).containsExactly(3, 4);
    assertThat(registry.register("fresh", avro(record("Fresh")))).isEqualTo(101);
  }

  @Test
  void shouldRefuseImportsWithoutIdOrOverwritingAnIdOrAVersion() {
    registry.setGlobalMode(RegistryMode.IMPORT, false);
    registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(10, 1));

    assertRegistryError(() -> registry.register("payments", avro(PAYMENT_V2)), 422, 42205)
        .hasMessageContaining("id");
    assertRegistryError(
        () -> registry.register("other", avro(PAYMENT_V2).withIdAndVersion(10, 1)), 422, 42205);
    assertRegistryError(
        () -> registry.register("payments", avro(PAYMENT_V2).withIdAndVersion(11, 1)), 422, 42205);
    assertThat(registry.register("payments", avro(PAYMENT_V1).withIdAndVersion(10, 1)))
        .isEqualTo(10);
    assertThat(registry.register("payments", avro(PAYMENT_V1))).isEqualTo(10);
  }

  @Test
  void shouldRefuseUnknownLevelsAndModesWhenParsed() {
    assertRegistryError(() -> CompatibilityLevel.parse("SIDEWAYS"), 422, 42203);
    assertRegistryError(() -> RegistryMode.parse("WRITEONLY"), 422, 42204);
  }
}
