package io.fluxgate.gateway.core.ack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handle of one delivery of one event: {@code <partition>-<offset>-<lease_id>}. Clients treat
 * it as opaque; the gateway reads the event's coordinates and the lease that delivered it from it.
 */
public record AckId(int partition, long offset, String leaseId) {
  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})-(\\d{1,18})-([0-9a-f]{1,32})");

  public AckId {
    if (partition < 0 || offset < 0 || !leaseId.matches("[0-9a-f]{1,32}")) {
      throw new IllegalArgumentException(
          "not an ack id: " + partition + "-" + offset + "-" + leaseId);
    }
  }

  /**
   * @throws MalformedAckIdException when {@code text} is not an ack id this gateway hands out
   */
  public static AckId parse(String text) {
    if (text == null) {
      throw new MalformedAckIdException("an ack_id must be a string");
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new MalformedAckIdException(
          "'" + text + "' is not an ack_id (expected <partition>-<offset>-<lease_id>)");
    }
    return new AckId(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
  }

  @Override
  public String toString() {
    return partition + "-" + offset + "-" + leaseId;
  }

  /** A string that is not an ack id. */
  public static final class MalformedAckIdException extends IllegalArgumentException {
    public MalformedAckIdException(String message) {
      super(message);
    }
  }
}
