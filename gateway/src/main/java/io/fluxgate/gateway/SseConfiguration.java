package io.fluxgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import io.fluxgate.gateway.core.EventRenderer;
import io.fluxgate.gateway.core.EventStreamService;
import io.fluxgate.gateway.core.SubscriptionRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sse} block: server-sent event streams ({@code GET /v1/subscriptions/{id}/stream}).
 * Each open stream holds a thread of its own and one Kafka consumer.
 */
public class SseConfiguration {

  /** A comment line goes out after this long without other traffic, so proxies keep it open. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration heartbeatInterval = Duration.seconds(15);

  /** How often a stream commits what it delivered to the subscription's consumer group. */
  @NotNull
  @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
  private Duration commitInterval = Duration.seconds(1);

  /** Streams this instance serves at once; one more is refused with 503. */
  @Min(1)
  @Max(10_000)
  private int maxStreams = 100;

  @JsonProperty
  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  @JsonProperty
  public void setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  @JsonProperty
  public Duration getCommitInterval() {
    return commitInterval;
  }

  @JsonProperty
  public void setCommitInterval(Duration commitInterval) {
    this.commitInterval = commitInterval;
  }

  @JsonProperty
  public int getMaxStreams() {
    return maxStreams;
  }

  @JsonProperty
  public void setMaxStreams(int maxStreams) {
    this.maxStreams = maxStreams;
  }

  public EventStreamService build(
      Map<String, Object> clientConfig, EventRenderer renderer, SubscriptionRepository repository) {
    return new EventStreamService(
        clientConfig,
        renderer,
        repository,
        java.time.Duration.ofMillis(heartbeatInterval.toMilliseconds()),
        java.time.Duration.ofMillis(commitInterval.toMilliseconds()),
        maxStreams);
  }
}
