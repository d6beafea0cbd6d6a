package io.fluxgate.schemas.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryRegistryLogTest {
  private final InMemoryRegistryLog log = new InMemoryRegistryLog();

  @Test
  void shouldFeedEverySinkTheBacklogOnStartAndLaterAppendsInOrder() {
    List<String> first = new ArrayList<>();
    append("a", "1");
    log.start((k, v) -> first.add(text(k) + "=" + text(v)));
    List<String> second = new ArrayList<>();
    log.start((k, v) -> second.add(text(k) + "=" + text(v)));

    String result = append("b", "2");

    assertThat(result).isEqualTo("done");
    assertThat(first).containsExactly("a=1", "b=2");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldAppendNothingForAnEmptyProposal() {
    log.append(() -> new RegistryLog.Proposal<>(List.of(), 1));

    assertThat(log.entries()).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheLastValuePerKeyWhenCompacted() {
    append("a", "1");
    append("b", "1");
    append("a", "2");
    append("b", null);

    List<String> replay = new ArrayList<>();
    InMemoryRegistryLog compacted = log.compacted();
    compacted.start((k, v) -> replay.add(text(k) + "=" + text(v)));

    assertThat(replay).containsExactly("a=2");
  }

  @Test
  void shouldFailEveryCallWhileBrokenAndWhenClosed() {
    RegistryLogException down = new RegistryLogException("down", true, null);
    log.failWith(down);

    assertThatThrownBy(() -> log.awaitCaughtUp(Duration.ofSeconds(1))).isSameAs(down);
    assertThatThrownBy(() -> append("a", "1")).isSameAs(down);

    log.failWith(null);
    log.close();
    assertThatThrownBy(() -> log.start((k, v) -> {}))
        .isInstanceOfSatisfying(
            RegistryLogException.class, e -> assertThat(e.timedOut()).isFalse());
  }

  private String append(String key, String value) {
    return log.append(
        () ->
            new RegistryLog.Proposal<>(
                List.of(
                    new RegistryLog.Entry(
                        key.getBytes(StandardCharsets.UTF_8),
                        value == null ? null : value.getBytes(StandardCharsets.UTF_8))),
                "done"));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }
}
