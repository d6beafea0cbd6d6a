package io.fluxgate.gateway.core.ack;

import java.util.ArrayList;
import java.util.List;

/**
 * The acknowledged offsets above a committed offset, written into the commit's metadata string
 * ({@code acked=105-107,110,112-200}, last offsets inclusive) so that acknowledgements older than
 * the lease log's retention are not forgotten. Kafka bounds the metadata (4 KiB by default): what
 * does not fit is left out, keeping the ranges nearest the committed offset; the events of the
 * ranges left out are delivered again once their acknowledgements have left the lease log.
 */
public final class AckedRanges {
  /** At most this many characters, under the broker's default {@code offset.metadata.max.bytes}. */
  public static final int MAX_CHARS = 4_000;

  private static final String PREFIX = "acked=";

  private AckedRanges() {}

  /** The metadata for {@code ranges} (in offset order), within {@link #MAX_CHARS}. */
  public static String encode(List<OffsetRange> ranges) {
    StringBuilder out = new StringBuilder(PREFIX);
    for (OffsetRange range : ranges) {
      String item =
          range.size() == 1
              ? Long.toString(range.start())
              : range.start() + "-" + (range.end() - 1);
      int extra = item.length() + (out.length() > PREFIX.length() ? 1 : 0);
      if (out.length() + extra > MAX_CHARS) {
        break;
      }
      if (out.length() > PREFIX.length()) {
        out.append(',');
      }
      out.append(item);
    }
    return out.length() == PREFIX.length() ? "" : out.toString();
  }

  /**
   * The ranges in a commit's metadata; metadata written by anything else (a seek, a Kafka client)
   * reads as none.
   */
  public static List<OffsetRange> decode(String metadata) {
    List<OffsetRange> ranges = new ArrayList<>();
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return ranges;
    }
    try {
      for (String item : metadata.substring(PREFIX.length()).split(",")) {
        int dash = item.indexOf('-');
        long first = Long.parseLong(dash < 0 ? item : item.substring(0, dash));
        long last = dash < 0 ? first : Long.parseLong(item.substring(dash + 1));
        ranges.add(new OffsetRange(first, last + 1));
      }
    } catch (IllegalArgumentException e) {
      return new ArrayList<>();
    }
    return ranges;
  }
}
