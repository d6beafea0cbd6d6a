package io.fluxgate.gateway.core.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckStateTest {
  private static final long TIMEOUT = 1_000;

  private final AckState state = new AckState();

  private static AckCommand.Lease lease(String id, long from, Long... offsets) {
    return new AckCommand.Lease(
        id, id, TIMEOUT, Map.of(0, from), Map.of(0, List.of(offsets)), Map.of());
  }

  @SuppressWarnings("unchecked")
  private List<AckState.Granted> apply(AckCommand.Lease lease, long t) {
    return (List<AckState.Granted>) state.apply(lease, t);
  }

  private AckState.Answer ack(long t, AckId... ids) {
    return (AckState.Answer) state.apply(new AckCommand.Ack("r", List.of(ids)), t);
  }

  private AckState.Answer nack(long t, AckId... ids) {
    return (AckState.Answer) state.apply(new AckCommand.Nack("r", List.of(ids)), t);
  }

  private static AckId id(long offset, String lease) {
    return new AckId(0, offset, lease);
  }

  private static List<Long> offsets(List<AckState.Granted> granted) {
    return granted.stream().map(AckState.Granted::offset).toList();
  }

  @Test
  void shouldGrantFreeOffsetsAsFirstDeliveries() {
    List<AckState.Granted> granted = apply(lease("a1", 0, 0L, 1L, 2L), 100);

    assertThat(granted)
        .containsExactly(
            new AckState.Granted(0, 0, 1),
            new AckState.Granted(0, 1, 1),
            new AckState.Granted(0, 2, 1));
    assertThat(state.isOffered(0, 1, 100)).isFalse();
    assertThat(state.isOffered(0, 3, 100)).isTrue();
  }

  @Test
  void shouldNotGrantAnOffsetUnderAnotherLiveLease() {
    apply(lease("a1", 0, 0L, 1L), 100);

    List<AckState.Granted> second = apply(lease("b2", 0, 1L, 2L), 500);

    assertThat(offsets(second)).containsExactly(2L);
  }

  @Test
  void shouldGrantAgainOnceTheLeaseRanOutByTheRecordTime() {
    apply(lease("a1", 0, 0L), 100);

    assertThat(apply(lease("b2", 0, 0L), 1_099)).isEmpty();
    assertThat(apply(lease("c3", 0, 0L), 1_100)).containsExactly(new AckState.Granted(0, 0, 2));
  }

  @Test
  void shouldAcknowledgeTheCurrentLeaseAndAdvanceTheFloor() {
    apply(lease("a1", 0, 0L, 1L, 2L), 100);

    AckState.Answer answer = ack(200, id(0, "a1"), id(1, "a1"));

    assertThat(answer.done()).containsExactly(id(0, "a1"), id(1, "a1"));
    assertThat(answer.expired()).isEmpty();
    assertThat(answer.unknown()).isEmpty();
    assertThat(state.floor(0)).isEqualTo(2);
    assertThat(apply(lease("b2", 0, 0L, 1L), 5_000)).isEmpty();
  }

  @Test
  void shouldAcceptALateAckWhenNoOtherClientHoldsTheOffset() {
    apply(lease("a1", 0, 0L), 100);

    AckState.Answer answer = ack(10_000, id(0, "a1"));

    assertThat(answer.done()).containsExactly(id(0, "a1"));
    assertThat(state.floor(0)).isEqualTo(1);
  }

  @Test
  void shouldAnswerExpiredWhenAnotherClientHoldsTheOffsetNow() {
    apply(lease("a1", 0, 0L), 100);
    apply(lease("b2", 0, 0L), 2_000);

    AckState.Answer late = ack(2_100, id(0, "a1"));

    assertThat(late.expired()).containsExactly(id(0, "a1"));
    assertThat(late.done()).isEmpty();
    assertThat(state.isOffered(0, 0, 2_100)).isFalse();
    assertThat(ack(2_200, id(0, "b2")).done()).containsExactly(id(0, "b2"));
  }

  @Test
  void shouldAcceptAnOldLeasesAckOnceTheNewerLeaseRanOutToo() {
    apply(lease("a1", 0, 0L), 100);
    apply(lease("b2", 0, 0L), 2_000);

    assertThat(ack(3_000, id(0, "a1")).done()).containsExactly(id(0, "a1"));
  }

  @Test
  void shouldAnswerUnknownForAckedNeverLeasedOrForeignLeaseIds() {
    apply(lease("a1", 0, 0L, 1L), 100);
    ack(200, id(0, "a1"));

    AckState.Answer answer = ack(300, id(0, "a1"), id(1, "ff"), id(7, "a1"));

    assertThat(answer.unknown()).containsExactly(id(0, "a1"), id(1, "ff"), id(7, "a1"));
    assertThat(answer.done()).isEmpty();
  }

  @Test
  void shouldNeverGrantAnAcknowledgedOffset() {
    apply(lease("a1", 0, 0L, 1L), 100);
    ack(200, id(1, "a1"));

    assertThat(offsets(apply(lease("b2", 0, 0L, 1L), 5_000))).containsExactly(0L);
    assertThat(state.floor(0)).isZero();
    assertThat(state.doneAboveFloor(0)).containsExactly(new OffsetRange(1, 2));
  }

  @Test
  void shouldReleaseOnNackSoTheOffsetIsGrantedAtOnce() {
    apply(lease("a1", 0, 0L), 100);

    AckState.Answer answer = nack(200, id(0, "a1"));

    assertThat(answer.done()).containsExactly(id(0, "a1"));
    assertThat(apply(lease("b2", 0, 0L), 201)).containsExactly(new AckState.Granted(0, 0, 2));
  }

  @Test
  void shouldNotReleaseAnotherClientsLease() {
    apply(lease("a1", 0, 0L), 100);
    apply(lease("b2", 0, 0L), 1_500);

    AckState.Answer answer = nack(1_600, id(0, "a1"), id(0, "cc"), id(3, "a1"));

    assertThat(answer.expired()).containsExactly(id(0, "a1"));
    assertThat(answer.unknown()).containsExactly(id(0, "cc"), id(3, "a1"));
    assertThat(apply(lease("c3", 0, 0L), 1_700)).isEmpty();
  }

  @Test
  void shouldTreatEverythingBelowTheLeasesStartAsDoneAndPruneIt() {
    apply(lease("a1", 0, 0L, 1L, 5L), 100);

    apply(lease("b2", 4, 5L, 6L), 200);

    assertThat(state.floor(0)).isEqualTo(4);
    assertThat(ack(300, id(1, "a1")).unknown()).containsExactly(id(1, "a1"));
    assertThat(state.isOffered(0, 1, 300)).isFalse();
  }

  @Test
  void shouldNeverLowerTheFloorOnALeaseFromAnOlderCommit() {
    apply(lease("a1", 5, 5L), 100);

    assertThat(apply(lease("b2", 2, 2L, 3L), 200)).isEmpty();
    assertThat(state.floor(0)).isEqualTo(5);
  }

  @Test
  void shouldCountVoidsAsDone() {
    AckCommand.Lease withVoids =
        new AckCommand.Lease(
            "a1",
            "a1",
            TIMEOUT,
            Map.of(0, 0L),
            Map.of(0, List.of(0L, 2L)),
            Map.of(0, List.of(new OffsetRange(1, 2), new OffsetRange(3, 4))));
    apply(withVoids, 100);

    ack(200, id(0, "a1"), id(2, "a1"));

    assertThat(state.floor(0)).isEqualTo(4);
  }

  @Test
  void shouldStartOverAtASeek() {
    apply(lease("a1", 0, 0L, 1L, 2L), 100);
    ack(200, id(0, "a1"), id(2, "a1"));

    state.apply(new AckCommand.Seek("s", Map.of(0, 0L)), 300);

    assertThat(state.floor(0)).isZero();
    assertThat(offsets(apply(lease("b2", 0, 0L, 1L, 2L), 400))).containsExactly(0L, 1L, 2L);
  }

  @Test
  void shouldRestoreAcksKeptInTheCommitMetadata() {
    state.restore(0, 10, List.of(new OffsetRange(12, 14), new OffsetRange(3, 5)));

    assertThat(state.floor(0)).isEqualTo(10);
    assertThat(state.doneAboveFloor(0)).containsExactly(new OffsetRange(12, 14));
    assertThat(offsets(apply(lease("a1", 10, 10L, 11L, 12L, 13L, 14L), 100)))
        .containsExactly(10L, 11L, 14L);
  }

  @Test
  void shouldReachTheSameStateWhenTheSameRecordsAreReplayed() {
    List<Object[]> records = new ArrayList<>();
    records.add(new Object[] {lease("a1", 0, 0L, 1L, 2L, 3L), 100L});
    records.add(new Object[] {lease("b2", 0, 2L, 3L, 4L), 150L});
    records.add(new Object[] {new AckCommand.Ack("r1", List.of(id(0, "a1"), id(2, "a1"))), 200L});
    records.add(new Object[] {new AckCommand.Nack("r2", List.of(id(1, "a1"))), 250L});
    records.add(new Object[] {lease("c3", 0, 1L, 2L, 3L, 4L, 5L), 1_200L});
    records.add(new Object[] {new AckCommand.Ack("r3", List.of(id(3, "a1"), id(4, "b2"))), 1_300L});

    List<Object> first = replay(new AckState(), records);
    List<Object> second = replay(new AckState(), records);

    assertThat(second).isEqualTo(first);
    assertThat(first.get(4))
        .isEqualTo(
            List.of(
                new AckState.Granted(0, 1, 2),
                new AckState.Granted(0, 3, 2),
                new AckState.Granted(0, 4, 2),
                new AckState.Granted(0, 5, 1)));
    assertThat(((AckState.Answer) first.get(5)).expired())
        .containsExactly(id(3, "a1"), id(4, "b2"));
  }

  private static List<Object> replay(AckState state, List<Object[]> records) {
    List<Object> outcomes = new ArrayList<>();
    for (Object[] record : records) {
      outcomes.add(state.apply((AckCommand) record[0], (Long) record[1]));
    }
    outcomes.add(state.floor(0));
    outcomes.add(state.doneAboveFloor(0));
    outcomes.add(state.isOffered(0, 3, 1_400));
    return outcomes;
  }
}
