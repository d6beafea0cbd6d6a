package io.fluxgate.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoadPhaseTest {

  @Test
  void shouldCountOnlyTheMeasuredWindowAndTellTheListenerFirst() throws Exception {
    LoadSettings settings =
        new LoadSettings(
            URI.create("http://unused"),
            2,
            10,
            100,
            2_000,
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            LoadSettings.SubscriberMode.NONE,
            null,
            "unused",
            LoadSettings.BaselineProducer.GATEWAY);
    AtomicLong sent = new AtomicLong();
    AtomicLong announced = new AtomicLong();
    PublishTarget target =
        new PublishTarget() {
          @Override
          public void send(int connection, List<String> ids, List<String> events) {
            sent.addAndGet(events.size());
          }

          @Override
          public void close() {}
        };

    PhaseResult result =
        LoadPhase.run(
            "fake",
            target,
            settings,
            new EventFactory("loadgen.test", 100),
            (ids, intended) -> announced.addAndGet(ids.size()));

    // 2,000 events/s for 300 ms in all, 200 ms of it measured.
    assertThat(sent.get()).isEqualTo(600);
    assertThat(result.events()).isEqualTo(400).isEqualTo(announced.get());
    assertThat(result.requests()).isEqualTo(40);
    assertThat(result.errors()).isZero();
    assertThat(result.latency().count()).isEqualTo(40);
  }
}
