package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_BREAKING;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V1;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V2;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaRegistryServiceCompatibilityTest {
  private final SchemaRegistryService registry = RegistryFixtures.startedRegistry();

  @Test
  void shouldFindACompatibleSchemaCompatibleWithTheLatestVersion() {
    registry.register("payments", avro(PAYMENT_V1));

    assertThat(registry.testCompatibility("payments", "latest", avro(PAYMENT_V2))).isEmpty();
    assertThat(registry.testCompatibilityWithAll("payments", avro(PAYMENT_V2))).isEmpty();
  }

  @Test
  void shouldAttributeEachReasonToTheVersionItConflictsWith() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.testCompatibility("payments", "1", avro(PAYMENT_BREAKING)))
        .isNotEmpty()
        .allSatisfy(reason -> assertThat(reason.againstVersion()).isEqualTo(1));
    assertThat(registry.testCompatibility("payments", "2", avro(PAYMENT_BREAKING))).isEmpty();
  }

  @Test
  void shouldJudgeAllVersionsAsARegistrationWould() {
    registry.setSubjectCompatibility("payments", CompatibilityLevel.BACKWARD_TRANSITIVE);
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.testCompatibilityWithAll("payments", avro(PAYMENT_BREAKING)))
        .extracting(Incompatibility::againstVersion)
        .contains(1)
        .doesNotContain(2);
  }

  @Test
  void shouldFindAnythingCompatibleWithTheLatestOfAnEmptySubject() {
    assertThat(registry.testCompatibility("none", "latest", avro(PAYMENT_V1))).isEmpty();
    assertThat(registry.testCompatibilityWithAll("none", avro(PAYMENT_V1))).isEmpty();
  }

  @Test
  void shouldAnswerNotFoundAndInvalidErrors() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(
        () -> registry.testCompatibility("none", "1", avro(PAYMENT_V1)), 404, 40401);
    assertRegistryError(
        () -> registry.testCompatibility("payments", "7", avro(PAYMENT_V1)), 404, 40402);
    assertRegistryError(
        () -> registry.testCompatibility("payments", "zero", avro(PAYMENT_V1)), 422, 42202);
    assertRegistryError(
        () -> registry.testCompatibility("payments", "latest", avro("{]")), 422, 42201);
  }
}
