package io.fluxgate.core.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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

  @Test
  void shouldEvictOldestEntryOfAFullBucket() {
    // Four slots make one bucket: every key lands in it.
    MatchMemo<String> memo = new MatchMemo<>(MatchMemo.WAYS);
    for (int i = 0; i < MatchMemo.WAYS; i++) {
      memo.put("type" + i, Set.of("t" + i));
    }
    for (int i = 0; i < MatchMemo.WAYS; i++) {
      assertThat(memo.get("type" + i)).containsExactly("t" + i);
    }

    memo.put("newest", Set.of("n"));

    assertThat(memo.get("type0")).isNull();
    assertThat(memo.get("newest")).containsExactly("n");
    for (int i = 1; i < MatchMemo.WAYS; i++) {
      assertThat(memo.get("type" + i)).containsExactly("t" + i);
    }
    assertThat(memo.size()).isEqualTo(MatchMemo.WAYS);
  }

  @Test
  void shouldRoundCapacityDownToPowerOfTwo() {
    MatchMemo<String> memo = new MatchMemo<>(100);
    for (int i = 0; i < 1_000; i++) {
      memo.put("type" + i, Set.of("t"));
    }
    assertThat(memo.size()).isLessThanOrEqualTo(64);
  }

  @Test
  void shouldStayBoundedAndConsistentUnderConcurrentUse() throws Exception {
    int capacity = 256;
    MatchMemo<String> memo = new MatchMemo<>(capacity);
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        int offset = thread;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 20_000; i++) {
                    // Keys shared between threads and keys of one thread only, with the key as
                    // its own result so that any mix-up between entries shows.
                    String key = (i % 3 == 0 ? "shared" + (i % 500) : "own" + offset + "-" + i);
                    memo.put(key, Set.of(key));
                    Set<String> found = memo.get("shared" + (i % 500));
                    if (found != null && !found.equals(Set.of("shared" + (i % 500)))) {
                      return false;
                    }
                    if (memo.size() > capacity) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      start.countDown();
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(memo.size()).isLessThanOrEqualTo(capacity);
  }
}
