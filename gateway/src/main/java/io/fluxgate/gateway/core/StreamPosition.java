package io.fluxgate.gateway.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where a server-sent event stream of a subscription stands: for each partition of the subscription
 * topic, the next offset to read. It is the {@code id} of every message, so a client reconnecting
 * with {@code Last-Event-ID} resumes exactly after the last message it got, on any partition.
 *
 * <p>Text form: {@code partition:offset} pairs by ascending partition, comma-separated, e.g. {@code
 * 0:12,1:7,2:0}. {@link #parse} accepts exactly that form and nothing else.
 *
 * <pre>{@code
 * StreamPosition position = StreamPosition.parse("0:12,1:7,2:0");
 * position.advance(1, 8).encode(); // "0:12,1:8,2:0"
 * }</pre>
 */
public record StreamPosition(Map<Integer, Long> nextOffsets) {
  /** Longer than any position of a subscription topic's at most 1000 partitions. */
  public static final int MAX_TEXT_LENGTH = 32 * 1024;

  private static final String PAIR = "(0|[1-9]\\d{0,3}):(0|[1-9]\\d{0,18})";
  private static final Pattern FORM = Pattern.compile(PAIR + "(," + PAIR + ")*");

  public StreamPosition {
    Objects.requireNonNull(nextOffsets, "nextOffsets");
    for (Map.Entry<Integer, Long> entry : nextOffsets.entrySet()) {
      if (entry.getKey() < 0 || entry.getValue() < 0) {
        throw new IllegalArgumentException("negative partition or offset in " + nextOffsets);
      }
    }
    nextOffsets = Collections.unmodifiableMap(new TreeMap<>(nextOffsets));
  }

  /**
   * The position in {@code text}, as {@link #encode()} writes it.
   *
   * @throws MalformedPositionException when {@code text} is not exactly that form, names a
   *     partition twice or out of order, or an offset beyond a long
   */
  public static StreamPosition parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new MalformedPositionException("is empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new MalformedPositionException("is longer than " + MAX_TEXT_LENGTH + " characters");
    }
    if (!FORM.matcher(text).matches()) {
      throw new MalformedPositionException(
          "is not of the form partition:offset[,partition:offset...]");
    }
    Map<Integer, Long> offsets = new TreeMap<>();
    int previous = -1;
    for (String pair : text.split(",")) {
      int colon = pair.indexOf(':');
      int partition = Integer.parseInt(pair.substring(0, colon));
      long offset;
      try {
        offset = Long.parseLong(pair.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new MalformedPositionException("has an offset beyond " + Long.MAX_VALUE);
      }
      if (partition <= previous) {
        throw new MalformedPositionException(
            "names partition " + partition + " twice or out of ascending order");
      }
      previous = partition;
      offsets.put(partition, offset);
    }
    return new StreamPosition(offsets);
  }

  /** The same position, with {@code partition} at {@code nextOffset}. */
  public StreamPosition advance(int partition, long nextOffset) {
    Map<Integer, Long> offsets = new TreeMap<>(nextOffsets);
    offsets.put(partition, nextOffset);
    return new StreamPosition(offsets);
  }

  public String encode() {
    StringBuilder text = new StringBuilder();
    nextOffsets.forEach(
        (partition, offset) -> {
          if (!text.isEmpty()) {
            text.append(',');
          }
          text.append(partition).append(':').append(offset);
        });
    return text.toString();
  }

  @Override
  public String toString() {
    return encode();
  }

  /** A {@code Last-Event-ID} that is not a position this gateway wrote. */
  public static final class MalformedPositionException extends IllegalArgumentException {
    public MalformedPositionException(String problem) {
      super("Last-Event-ID " + problem);
    }
  }
}
