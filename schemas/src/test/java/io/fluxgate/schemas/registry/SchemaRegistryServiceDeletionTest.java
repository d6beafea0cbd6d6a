package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.MONEY;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V1;
import static io.fluxgate.schemas.registry.RegistryFixtures.PAYMENT_V2;
import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static io.fluxgate.schemas.registry.RegistryFixtures.avro;
import static io.fluxgate.schemas.registry.RegistryFixtures.order;
import static io.fluxgate.schemas.registry.RegistryFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaRegistryServiceDeletionTest {
  private final SchemaRegistryService registry = RegistryFixtures.startedRegistry();

  @Test
  void shouldHideASoftDeletedVersionUnlessDeletedOnesAreAsked() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.deleteVersion("payments", "1", false)).isEqualTo(1);

    assertThat(registry.versions("payments", false)).containsExactly(2);
    assertThat(registry.versions("payments", true)).containsExactly(1, 2);
    assertRegistryError(() -> registry.version("payments", "1", false), 404, 40402);
    assertThat(registry.version("payments", "1", true).id()).isEqualTo(1);
    assertThat(registry.schemaById(1).schema()).isEqualTo(PAYMENT_V1);
  }

  @Test
  void shouldReRegisterASoftDeletedSchemaAsANewVersionWithItsOldId() {
    int id = registry.register("payments", avro(PAYMENT_V1));
    registry.deleteVersion("payments", "latest", false);

    assertThat(registry.register("payments", avro(PAYMENT_V1))).isEqualTo(id);
    assertThat(registry.versions("payments", true)).containsExactly(1, 2);
    assertThat(registry.versions("payments", false)).containsExactly(2);
  }

  @Test
  void shouldNumberANewVersionAfterTheHighestSoftDeletedOne() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));
    registry.deleteVersion("payments", "2", false);

    registry.setSubjectCompatibility("payments", CompatibilityLevel.NONE);
    registry.register("payments", avro(record("Other")));

    assertThat(registry.versions("payments", false)).containsExactly(1, 3);
  }

  @Test
  void shouldRequireASoftDeleteBeforeAPermanentOne() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.deleteVersion("payments", "1", true), 404, 40407);
    assertRegistryError(() -> registry.deleteSubject("payments", true), 404, 40405);
  }

  @Test
  void shouldAnswer40406And40404WhenSoftDeletingTwice() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));
    registry.deleteVersion("payments", "1", false);

    assertRegistryError(() -> registry.deleteVersion("payments", "1", false), 404, 40406);
    registry.deleteSubject("payments", false);
    assertRegistryError(() -> registry.deleteSubject("payments", false), 404, 40404);
  }

  @Test
  void shouldAnswer40401And40402And42202ForDeletesOfNothing() {
    registry.register("payments", avro(PAYMENT_V1));

    assertRegistryError(() -> registry.deleteSubject("nothing", false), 404, 40401);
    assertRegistryError(() -> registry.deleteVersion("nothing", "1", false), 404, 40401);
    assertRegistryError(() -> registry.deleteVersion("payments", "9", false), 404, 40402);
    assertRegistryError(() -> registry.deleteVersion("payments", "x", false), 422, 42202);
  }

  @Test
  void shouldPermanentlyDeleteAVersionSoThatItsIdNoLongerResolves() {
    int id = registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));
    registry.deleteVersion("payments", "1", false);

    assertThat(registry.deleteVersion("payments", "1", true)).isEqualTo(1);

    assertThat(registry.versions("payments", true)).containsExactly(2);
    assertRegistryError(() -> registry.schemaById(id), 404, 40403);
  }

  @Test
  void shouldSoftDeleteASubjectAndListItOnlyWithDeleted() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.deleteSubject("payments", false)).containsExactly(1, 2);

    assertThat(registry.subjects(null, false)).isEmpty();
    assertThat(registry.subjects(null, true)).containsExactly("payments");
    assertRegistryError(() -> registry.versions("payments", false), 404, 40401);
    assertThat(registry.subjectsById(1, false)).isEmpty();
    assertThat(registry.subjectsById(1, true)).containsExactly("payments");
  }

  @Test
  void shouldNeverReuseAnIdAfterAPermanentDelete() {
    registry.register("payments", avro(PAYMENT_V1));
    int second = registry.register("other", avro(record("Other")));
    registry.deleteSubject("other", false);
    registry.deleteSubject("other", true);

    int third = registry.register("again", avro(record("Other")));

    assertThat(third).isGreaterThan(second);
    assertThat(registry.subjects(null, true)).containsExactly("again", "payments");
  }

  @Test
  void shouldRestartVersionsOfAPermanentlyDeletedSubjectAt1AsConfluentDoes() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.register("payments", avro(PAYMENT_V2));
    registry.deleteSubject("payments", false);
    assertThat(registry.deleteSubject("payments", true)).containsExactly(1, 2);

    registry.register("payments", avro(PAYMENT_V2));

    assertThat(registry.versions("payments", true)).containsExactly(1);
  }

  @Test
  void shouldDropASubjectsOwnLevelAndModeWithTheSubject() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.setSubjectCompatibility("payments", CompatibilityLevel.FULL);
    registry.setSubjectMode("payments", RegistryMode.READWRITE, false);

    registry.deleteSubject("payments", false);

    assertRegistryError(() -> registry.subjectCompatibility("payments", false), 404, 40408);
    assertRegistryError(() -> registry.subjectMode("payments", false), 404, 40409);
  }

  @Test
  void shouldRefuseToDeleteAReferencedVersionWith42206() {
    registry.register("money", avro(MONEY));
    registry.register("orders", order(1));

    assertRegistryError(() -> registry.deleteVersion("money", "1", false), 422, 42206);
    assertRegistryError(() -> registry.deleteSubject("money", false), 422, 42206);
  }

  @Test
  void shouldAllowSoftDeletingAReferencedVersionOnceTheReferrerIsSoftDeletedButNotPermanently() {
    registry.register("money", avro(MONEY));
    registry.register("orders", order(1));
    registry.deleteSubject("orders", false);

    assertThat(registry.deleteVersion("money", "1", false)).isEqualTo(1);
    assertRegistryError(() -> registry.deleteVersion("money", "1", true), 422, 42206);

    registry.deleteSubject("orders", true);
    assertThat(registry.deleteVersion("money", "1", true)).isEqualTo(1);
  }

  @Test
  void shouldRefuseDeletesInReadOnlyMode() {
    registry.register("payments", avro(PAYMENT_V1));
    registry.setSubjectMode("payments", RegistryMode.READONLY, false);

    assertRegistryError(() -> registry.deleteVersion("payments", "1", false), 422, 42205);
    assertRegistryError(() -> registry.deleteSubject("payments", false), 422, 42205);
  }
}
