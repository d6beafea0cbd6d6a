package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternIndexMemoTest {

  @Test
  void shouldStayWithinCapacity() {
    MatchMemo<String> memo = new MatchMemo<>(3);
    for (int i = 0; i < 10; i++) {
      memo.put("type" + i, Set.of("t"));
      assertThat(memo.size()).isLessThanOrEqualTo(3);
    }
    assertThat(memo.get("type9")).containsExactly("t");
  }

  @Test
  void shouldNotRememberKeysLongerThanAnEventType() {
    MatchMemo<String> memo = new MatchMemo<>(3);
    memo.put("a".repeat(256), Set.of("t"));
    assertThat(memo.get("a".repeat(256))).isNull();
    memo.put("a".repeat(255), Set.of("t"));
    assertThat(memo.get("a".repeat(255))).containsExactly("t");
  }
}
