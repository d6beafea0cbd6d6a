package io.fluxgate.schemas.registry;

import static io.fluxgate.schemas.registry.RegistryFixtures.assertRegistryError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VersionIdTest {

  @Test
  void shouldReadLatestAndMinusOneAsTheLatestVersion() {
    assertThat(VersionId.parse("latest").isLatest()).isTrue();
    assertThat(VersionId.parse("LATEST").isLatest()).isTrue();
    assertThat(VersionId.parse("-1").isLatest()).isTrue();
  }

  @Test
  void shouldReadPositiveNumbers() {
    assertThat(VersionId.parse("1").number()).isEqualTo(1);
    assertThat(VersionId.parse("2147483647").number()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void shouldRefuseAnythingElseWith42202() {
    for (String bad : Arrays.asList("0", "-2", "2147483648", "one", "", "1e3", null)) {
      assertRegistryError(() -> VersionId.parse(bad), 422, 42202);
    }
  }
}
