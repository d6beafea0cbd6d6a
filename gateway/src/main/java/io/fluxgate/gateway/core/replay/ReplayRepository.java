package io.fluxgate.gateway.core.replay;

import java.util.Optional;

/** Where replay jobs are kept: {@link ReplayStore} on Kafka, a map in tests. */
public interface ReplayRepository {

  /**
   * Stores the job durably and shows it on this instance.
   *
   * @throws io.fluxgate.gateway.core.SubscriptionRepository.UnavailableException when Kafka does
   *     not take it
   */
  void put(ReplayJob job);

  Optional<ReplayJob> get(String replayId);

  /**
   * Whether a {@code cancelled} state was ever stored for the job, even if a later progress record
   * of its runner overwrote it: the runner stops at its next step.
   */
  boolean cancelRequested(String replayId);
}
