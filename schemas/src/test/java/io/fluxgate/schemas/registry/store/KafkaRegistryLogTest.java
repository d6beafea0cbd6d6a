package io.fluxgate.schemas.registry.store;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle rules that hold before any broker is involved; the rest is KafkaRegistryLogIT. */
class KafkaRegistryLogTest {
  private final KafkaRegistryLog log =
      new KafkaRegistryLog(KafkaRegistryLogConfig.of(Map.of("bootstrap.servers", "nowhere:9092")));

  @Test
  void shouldRefuseToBeUsedBeforeItStarts() {
    assertThatThrownBy(() -> log.append(() -> new Proposal<>(List.of(), null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not been started");
    assertThatThrownBy(() -> log.awaitCaughtUp(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void shouldCloseWithoutHavingStartedAndRefuseToStartAfterwards() {
    assertThatCode(
            () -> {
              log.close();
              log.close();
            })
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> log.start((key, value) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
