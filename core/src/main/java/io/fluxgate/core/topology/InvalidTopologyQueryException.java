package io.fluxgate.core.topology;

/**
 * A query of a deployed topology that cannot be answered as asked: results of a topology that is
 * not an aggregate, or a group that does not fit the aggregate's {@code group_by}. The gateway
 * answers it with a 4xx; {@link #error()} is the error code of its body.
 */
public final class InvalidTopologyQueryException extends RuntimeException {
  /** What is wrong with the query. */
  public enum Reason {
    /** Results were asked of a correlate: only aggregates keep windows (409). */
    NOT_AN_AGGREGATE("not_an_aggregate"),
    /** The group has not one value per {@code group_by} path (400). */
    INVALID_GROUP("invalid_group");

    private final String error;

    Reason(String error) {
      this.error = error;
    }

    public String error() {
      return error;
    }

    /** The reason with this error code, or null. */
    public static Reason ofError(String error) {
      for (Reason reason : values()) {
        if (reason.error.equals(error)) {
          return reason;
        }
      }
      return null;
    }
  }

  private final Reason reason;

  public InvalidTopologyQueryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public String error() {
    return reason.error();
  }
}
