package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PatternIndexTest {

  @Test
  void shouldMatchNothingWhenEmpty() {
    PatternIndex<String> empty = PatternIndex.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.patternCount()).isZero();
    assertThat(empty.match("agent.started")).isEmpty();

    PatternIndex<String> built = PatternIndex.<String>builder().build();
    assertThat(built.isEmpty()).isTrue();
    assertThat(built.match("agent.started")).isEmpty();
  }

  @Test
  void shouldReturnTargetOnceWhenSeveralOfItsPatternsMatch() {
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add("audit", "agent.*")
            .add("audit", "agent.**")
            .add("audit", "**.started")
            .add("audit", "agent.started")
            .build();

    assertThat(index.match("agent.started")).containsExactly("audit");
    assertThat(index.patternCount()).isEqualTo(4);
  }

  @Test
  void shouldCollapseEqualTargetsThatAreDistinctObjects() {
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add(new String("sub-1"), "agent.*")
            .add(new String("sub-1"), "*.started")
            .build();

    assertThat(index.match("agent.started")).containsExactly("sub-1");
  }

  @Test
  void shouldMatchOverlappingPatternsOfSeveralTargets() {
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add("all", "**")
            .add("agents", "agent.**")
            .add("starts", "*.started")
            .add("errors", "**.error")
            .add("http", "{agent,tool.http}.*")
            .build();

    assertThat(index.match("agent.started"))
        .containsExactlyInAnyOrder("all", "agents", "starts", "http");
    assertThat(index.match("tool.http.error")).containsExactlyInAnyOrder("all", "errors", "http");
    assertThat(index.match("agent")).containsExactlyInAnyOrder("all", "agents");
    assertThat(index.match("billing.invoice.paid")).containsExactly("all");
  }

  @Test
  void shouldMixExactAndGlobPatterns() {
    PatternIndex<Integer> index =
        PatternIndex.<Integer>builder()
            .add(1, "agent.execution.completed")
            .add(2, "agent.execution.*")
            .add(3, "agent.exec*.completed")
            .add(4, "agent.execution.failed")
            .add(5, "{agent}.execution.completed")
            .build();

    assertThat(index.match("agent.execution.completed")).containsExactlyInAnyOrder(1, 2, 3, 5);
    assertThat(index.match("agent.execution.failed")).containsExactlyInAnyOrder(2, 4);
    assertThat(index.match("agent.executor.completed")).containsExactly(3);
    assertThat(index.match("agent.execution")).isEmpty();
  }

  @Test
  void shouldShareTriePathsBetweenPatternsWithoutMixingTheirTargets() {
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add("short", "a.**")
            .add("long", "a.**.b")
            .add("glob", "a.b?.c")
            .add("glob2", "a.b?.d")
            .build();

    assertThat(index.match("a")).containsExactly("short");
    assertThat(index.match("a.x.b")).containsExactlyInAnyOrder("short", "long");
    assertThat(index.match("a.bx.c")).containsExactlyInAnyOrder("short", "glob");
    assertThat(index.match("a.bx.d")).containsExactlyInAnyOrder("short", "glob2");
  }

  @Test
  void shouldNeverMatchEscapedDotPatternAgainstRealEventType() {
    PatternIndex<String> index = PatternIndex.<String>builder().add("t", "a\\.b").build();
    assertThat(index.match("a.b")).isEmpty();
  }

  @Test
  void shouldReturnUnmodifiableResult() {
    PatternIndex<String> index = PatternIndex.<String>builder().add("t", "a.*").build();
    Set<String> result = index.match("a.b");
    assertThatThrownBy(() -> result.add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> index.match("zzz").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldRefuseInvalidPatternWhenAdding() {
    PatternIndex.Builder<String> builder = PatternIndex.builder();
    assertThatThrownBy(() -> builder.add("t", "a..b"))
        .isInstanceOf(InvalidPatternException.class)
        .hasMessageContaining("position 2");
  }

  @Test
  void shouldAcceptPrecompiledPatterns() {
    PatternIndex<String> index =
        PatternIndex.<String>builder().add("t", GlobPattern.compile("a.?")).build();
    assertThat(index.match("a.b")).containsExactly("t");
  }

  @Test
  void shouldKeepBuiltIndexUnchangedWhenBuilderGrows() {
    PatternIndex.Builder<String> builder = PatternIndex.<String>builder().add("first", "a.*");
    PatternIndex<String> before = builder.build();
    builder.add("second", "a.*").add("third", "a.b");
    PatternIndex<String> after = builder.build();

    assertThat(before.match("a.b")).containsExactly("first");
    assertThat(before.patternCount()).isEqualTo(1);
    assertThat(after.match("a.b")).containsExactlyInAnyOrder("first", "second", "third");
  }

  @Test
  void shouldGiveSameAnswersAfterMemoOverflows() {
    PatternIndex<String> index =
        PatternIndex.<String>builder().add("even", "e.*[02468]").add("odd", "e.*[13579]").build();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < PatternIndex.MEMO_CAPACITY + 500; i++) {
        assertThat(index.match("e.n" + i)).containsExactly(i % 2 == 0 ? "even" : "odd");
      }
    }
  }

  @Test
  void shouldAnswerConsistentlyFromSeveralThreads() throws Exception {
    PatternIndex<String> index =
        PatternIndex.<String>builder().add("agents", "agent.**").add("starts", "*.started").build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 4; task++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    if (!index.match("agent.started").equals(Set.of("agents", "starts"))
                        || !index.match("tool.x" + (i % 50)).isEmpty()) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldMatchOnceThroughChainsOfDoubleStars() {
    // "**.**" and "a.**.**" reach the same nodes along several paths at every step.
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add("any", "**.**")
            .add("a-tail", "a.**.**")
            .add("a-b", "**.a.**.b.**")
            .add("exact", "a.b")
            .build();

    assertThat(index.match("a.b")).containsExactlyInAnyOrder("any", "a-tail", "a-b", "exact");
    assertThat(index.match("x.a.y.b.z")).containsExactlyInAnyOrder("any", "a-b");
    assertThat(index.match("a")).containsExactlyInAnyOrder("any", "a-tail");
  }

  @Test
  void shouldAgreeWithEachPatternWhenManyNodesAreActiveAtOnce() {
    // Each "**.s<i>.**" keeps a looping node active once s<i> was read, so an event type naming
    // many of them has far more active nodes than ActiveSet scans linearly.
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < 3 * ActiveSet.SCAN_LIMIT; i++) {
      patterns.add("**.s" + i + ".**");
      patterns.add("s" + i + ".*.**");
      patterns.add("**.s" + i + "?");
    }
    PatternIndex.Builder<String> builder = PatternIndex.builder();
    patterns.forEach(pattern -> builder.add(pattern, pattern));
    PatternIndex<String> index = builder.build();

    StringBuilder type = new StringBuilder("s0");
    for (int i = 1; i < 3 * ActiveSet.SCAN_LIMIT; i++) {
      type.append(".s").append(i);
      String eventType = type.toString();
      Set<String> expected = new HashSet<>();
      for (String pattern : patterns) {
        if (GlobPattern.compile(pattern).matches(eventType)) {
          expected.add(pattern);
        }
      }
      assertThat(index.match(eventType)).isEqualTo(expected);
    }
  }

  @Test
  void shouldUniteExactAndTrieTargetsWithoutDuplicates() {
    PatternIndex<String> index =
        PatternIndex.<String>builder()
            .add("both", "a.b")
            .add("both", "a.*")
            .add("exact-only", "a.b")
            .add("glob-only", "*.b")
            .build();

    Set<String> result = index.match("a.b");
    assertThat(result).containsExactlyInAnyOrder("both", "exact-only", "glob-only");
    assertThat(result).hasSize(3);
    assertThatThrownBy(() -> result.add("x")).isInstanceOf(UnsupportedOperationException.class);
    Set<String> trieOnly = index.match("a.c");
    assertThat(trieOnly).containsExactly("both");
    assertThatThrownBy(() -> trieOnly.add("x")).isInstanceOf(UnsupportedOperationException.class);
  }
}
