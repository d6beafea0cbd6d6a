package io.fluxgate.gateway.core.ack;

/** The offsets {@code start} (inclusive) to {@code end} (exclusive) of one partition. */
public record OffsetRange(long start, long end) {
  public OffsetRange {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative range " + start + ".." + end);
    }
  }

  public long size() {
    return end - start;
  }
}
