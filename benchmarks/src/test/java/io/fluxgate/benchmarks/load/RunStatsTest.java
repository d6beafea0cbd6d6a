package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunStatsTest {

  @Test
  void shouldTakeTheMiddleValueOfAnOddCountWhateverTheOrder() {
    RunStats stats = RunStats.of(List.of(30.0, 10.0, 50.0, 20.0, 40.0));

    assertThat(stats).isEqualTo(new RunStats(5, 10, 30, 50));
  }

  @Test
  void shouldAverageTheTwoMiddleValuesOfAnEvenCount() {
    RunStats stats = RunStats.of(List.of(4.0, 1.0, 3.0, 10.0));

    assertThat(stats).isEqualTo(new RunStats(4, 1, 3.5, 10));
  }

  @Test
  void shouldGiveTheOneValueOfOneRunThreeTimes() {
    assertThat(RunStats.of(List.of(7.5))).isEqualTo(new RunStats(1, 7.5, 7.5, 7.5));
  }

  @Test
  void shouldTakeTheMeanOfTwoRunsAsTheMedian() {
    assertThat(RunStats.of(List.of(2.0, 1.0))).isEqualTo(new RunStats(2, 1, 1.5, 2));
  }

  @Test
  void shouldRefuseNoRuns() {
    assertThatThrownBy(() -> RunStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
