package io.fluxgate.gateway.core.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AckedRangesTest {

  @Test
  void shouldRoundTripRangesAndSingleOffsets() {
    List<OffsetRange> ranges =
        List.of(new OffsetRange(105, 108), new OffsetRange(110, 111), new OffsetRange(112, 201));

    String metadata = AckedRanges.encode(ranges);

    assertThat(metadata).isEqualTo("acked=105-107,110,112-200");
    assertThat(AckedRanges.decode(metadata)).isEqualTo(ranges);
  }

  @Test
  void shouldWriteNothingForNoRanges() {
    assertThat(AckedRanges.encode(List.of())).isEmpty();
    assertThat(AckedRanges.decode("")).isEmpty();
  }

  @Test
  void shouldKeepTheRangesNearestTheCommittedOffsetWithinTheBound() {
    List<OffsetRange> ranges = new ArrayList<>();
    for (long o = 1_000_000; o < 1_000_000 + 2_000 * 2; o += 2) {
      ranges.add(new OffsetRange(o, o + 1));
    }

    String metadata = AckedRanges.encode(ranges);
    List<OffsetRange> kept = AckedRanges.decode(metadata);

    assertThat(metadata.length()).isLessThanOrEqualTo(AckedRanges.MAX_CHARS);
    assertThat(kept).hasSizeGreaterThan(400).hasSizeLessThan(ranges.size());
    assertThat(kept).isEqualTo(ranges.subList(0, kept.size()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"something else", "acked=", "acked=a-b", "acked=5-3", "acked=1,,2"})
  void shouldReadForeignOrBrokenMetadataAsNone(String metadata) {
    assertThat(AckedRanges.decode(metadata)).isEmpty();
  }
}
