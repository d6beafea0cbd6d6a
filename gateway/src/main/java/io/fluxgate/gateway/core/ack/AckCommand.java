package io.fluxgate.gateway.core.ack;

import java.util.List;
import java.util.Map;

/**
 * One record of the lease log {@code _fluxgate.acks}, keyed by subscription id. Every gateway
 * instance applies the same records in the same order to its {@link AckState}; the instance that
 * wrote one finds its outcome under its {@link #requestId()}.
 */
public sealed interface AckCommand {
  /** Unique per write: lets the writing instance find the outcome of its own record. */
  String requestId();

  /**
   * Asks for {@code offsets}, found by a long poll that read each partition from {@code from} (the
   * group's committed offset then: everything below it is done). {@code voids} are offsets the
   * reader stepped over that hold no record (transaction markers), done as well.
   */
  record Lease(
      String requestId,
      String leaseId,
      long timeoutMs,
      Map<Integer, Long> from,
      Map<Integer, List<Long>> offsets,
      Map<Integer, List<OffsetRange>> voids)
      implements AckCommand {}

  /** Acknowledges deliveries. */
  record Ack(String requestId, List<AckId> entries) implements AckCommand {}

  /** Gives deliveries back, to be delivered again at once. */
  record Nack(String requestId, List<AckId> entries) implements AckCommand {}

  /**
   * A seek moved the group's committed offsets: each partition named starts over at its position,
   * with every lease and acknowledgement of it forgotten.
   */
  record Seek(String requestId, Map<Integer, Long> positions) implements AckCommand {}
}
