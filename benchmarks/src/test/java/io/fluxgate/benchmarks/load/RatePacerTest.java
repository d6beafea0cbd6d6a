package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatePacerTest {

  @Test
  void shouldSpaceRequestsSoAllConnectionsTogetherSendTheRate() {
    // 1,000 events/s over 2 connections, 1 event a request: each connection every 2 ms.
    RatePacer first = RatePacer.of(0, 1_000, 2, 1, 0);
    RatePacer second = RatePacer.of(0, 1_000, 2, 1, 1);

    assertThat(first.nextIntendedNanos()).isEqualTo(0);
    assertThat(first.nextIntendedNanos()).isEqualTo(2_000_000);
    assertThat(first.nextIntendedNanos()).isEqualTo(4_000_000);
    assertThat(second.nextIntendedNanos()).isEqualTo(1_000_000);
    assertThat(second.nextIntendedNanos()).isEqualTo(3_000_000);
  }

  @Test
  void shouldCountBatchesAsTheirEvents() {
    // 10,000 events/s in batches of 500 on one connection: 20 requests/s, every 50 ms.
    RatePacer pacer = RatePacer.of(100, 10_000, 1, 500, 0);

    assertThat(pacer.nextIntendedNanos()).isEqualTo(100);
    assertThat(pacer.nextIntendedNanos()).isEqualTo(100 + 50_000_000);
  }

  @Test
  void shouldKeepTheScheduleWhateverTheRequestsBeforeTook() {
    RatePacer pacer = RatePacer.of(0, 100, 1, 1, 0);
    for (int i = 0; i < 99; i++) {
      pacer.nextIntendedNanos();
    }

    assertThat(pacer.nextIntendedNanos()).isEqualTo(990_000_000L);
  }

  @Test
  void shouldNotPaceFlatOut() {
    assertThat(RatePacer.of(0, 0, 4, 1, 3).paced()).isFalse();
    assertThat(RatePacer.of(0, 10, 4, 1, 3).paced()).isTrue();
  }

  @Test
  void shouldReturnAtOnceForATimeThatHasPassed() throws InterruptedException {
    long before = System.nanoTime();
    RatePacer.awaitNanos(before - 1_000_000_000L);

    assertThat(System.nanoTime() - before).isLessThan(100_000_000L);
  }
}
