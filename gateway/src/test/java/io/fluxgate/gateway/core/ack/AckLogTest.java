package io.fluxgate.gateway.core.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AckLogTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final AckLog log = LoopbackAckLog.create(now::get);

  @Test
  void shouldAnswerAWriteWithTheOutcomeOfItsOwnRecord() {
    AckCommand.Lease lease =
        new AckCommand.Lease("l1", "a1", 500, Map.of(0, 0L), Map.of(0, List.of(0L, 1L)), Map.of());

    List<AckState.Granted> granted = log.write("sub-1", lease);
    AckState.Answer answer =
        log.write("sub-1", new AckCommand.Ack("r1", List.of(new AckId(0, 0, "a1"))));

    assertThat(granted).extracting(AckState.Granted::offset).containsExactly(0L, 1L);
    assertThat(answer.done()).containsExactly(new AckId(0, 0, "a1"));
    assertThat(log.<Long>read("sub-1", s -> s.floor(0))).isEqualTo(1);
    assertThat(log.<Long>read("sub-2", s -> s.floor(0))).isZero();
  }

  @Test
  void shouldSkipAMalformedRecordAndKeepApplying() {
    log.apply("sub-1", "{\"type\":\"oops\"}".getBytes(StandardCharsets.UTF_8), 1_000);

    List<AckState.Granted> granted =
        log.write(
            "sub-1",
            new AckCommand.Lease("l1", "a1", 500, Map.of(), Map.of(0, List.of(3L)), Map.of()));

    assertThat(granted).hasSize(1);
  }

  @Test
  void shouldForgetADeletedSubscription() {
    log.write("sub-1", new AckCommand.Seek("s1", Map.of(0, 9L)));

    log.forget("sub-1");

    assertThat(log.<Long>read("sub-1", s -> s.floor(0))).isZero();
  }

  @Test
  void shouldReportAWriteKafkaDidNotTake() {
    AckLog failing = LoopbackAckLog.failing();

    assertThatThrownBy(() -> failing.write("sub-1", new AckCommand.Seek("s1", Map.of(0, 1L))))
        .isInstanceOf(AckLog.UnavailableException.class);
  }
}
