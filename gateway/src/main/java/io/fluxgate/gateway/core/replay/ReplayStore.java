package io.fluxgate.gateway.core.replay;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.gateway.core.SubscriptionRepository.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay jobs kept as JSON in the compacted {@link PlatformTopics#REPLAYS} topic, with an in-memory
 * view that a background reader keeps up to date (like the subscription store), so that every
 * gateway instance answers the same about every replay. Writes wait for acks=all, then update the
 * local view; other instances see them within one poll.
 */
public final class ReplayStore implements ReplayRepository, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayStore.class);

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Map<String, Entry> view = new ConcurrentHashMap<>();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final CompactedTopic topic;

  public ReplayStore(Map<String, Object> clientConfig) {
    this.topic = new CompactedTopic(clientConfig, PlatformTopics.REPLAYS, "replay", this::apply);
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(true);
  }

  private void apply(String id, byte[] value, long offset) {
    if (id == null || value == null) {
      return;
    }
    try {
      remember(MAPPER.readValue(value, ReplayJob.class), offset);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable replay record {}: {}", id, e.getMessage());
    }
  }

  private void remember(ReplayJob job, long offset) {
    if (job.state() == ReplayJob.State.CANCELLED) {
      cancelled.add(job.replayId());
    }
    view.merge(
        job.replayId(),
        new Entry(job, offset),
        (old, fresh) -> fresh.offset() >= old.offset() ? fresh : old);
  }

  private record Entry(ReplayJob job, long offset) {}

  @Override
  public void put(ReplayJob job) {
    byte[] value;
    try {
      value = MAPPER.writeValueAsBytes(job);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      remember(job, topic.write(job.replayId(), value));
    } catch (CompactedTopic.WriteFailedException e) {
      throw new UnavailableException("could not store replay " + job.replayId(), e.getCause());
    }
  }

  @Override
  public Optional<ReplayJob> get(String replayId) {
    Entry entry = view.get(replayId);
    return entry == null ? Optional.empty() : Optional.of(entry.job());
  }

  @Override
  public boolean cancelRequested(String replayId) {
    return cancelled.contains(replayId);
  }

  @Override
  public void stop() throws InterruptedException {
    topic.stop();
  }
}
