package io.fluxgate.gateway.core.replay;

import io.fluxgate.gateway.core.SubscriptionRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Replay jobs in a map; remembers every write, and can be made to refuse them. */
public final class InMemoryReplayRepository implements ReplayRepository {
  private final Map<String, ReplayJob> jobs = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  public final List<ReplayJob> writes = java.util.Collections.synchronizedList(new ArrayList<>());
  public volatile boolean unavailable;

  @Override
  public void put(ReplayJob job) {
    if (unavailable) {
      throw new SubscriptionRepository.UnavailableException("test: Kafka is down", null);
    }
    writes.add(job);
    if (job.state() == ReplayJob.State.CANCELLED) {
      cancelled.add(job.replayId());
    }
    jobs.put(job.replayId(), job);
  }

  @Override
  public Optional<ReplayJob> get(String replayId) {
    return Optional.ofNullable(jobs.get(replayId));
  }

  @Override
  public boolean cancelRequested(String replayId) {
    return cancelled.contains(replayId);
  }
}
