package io.fluxgate.gateway.core.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One replay as stored in the compacted {@code _fluxgate.replays} topic and answered by {@code GET
 * /v1/replays/{id}}: what it copies, how far it got on every event partition, and its state.
 *
 * <p>{@code from} is {@code "earliest"} or an RFC 3339 time, {@code to} the exclusive end (the
 * request's, clamped to the time the replay was accepted). {@code partitions} is empty until the
 * replay has looked up its offsets.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({
  "replay_id",
  "subscription_id",
  "from",
  "to",
  "state",
  "copied",
  "scanned",
  "partitions",
  "error",
  "owner",
  "created_at",
  "updated_at"
})
public record ReplayJob(
    @JsonProperty("replay_id") String replayId,
    @JsonProperty("subscription_id") String subscriptionId,
    @JsonProperty("from") String from,
    @JsonProperty("to") Instant to,
    @JsonProperty("state") State state,
    @JsonProperty("copied") long copied,
    @JsonProperty("scanned") long scanned,
    @JsonProperty("partitions") List<PartitionProgress> partitions,
    @JsonProperty("error") String error,
    @JsonProperty("owner") String owner,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  public ReplayJob {
    Objects.requireNonNull(replayId, "replayId");
    Objects.requireNonNull(subscriptionId, "subscriptionId");
    Objects.requireNonNull(state, "state");
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
  }

  /** A replay's life: {@code running}, then exactly one of the others. */
  public enum State {
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    @JsonValue
    public String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFinal() {
      return this != RUNNING;
    }
  }

  /**
   * How far the replay got on one event partition: it copies offsets {@code start} (inclusive) to
   * {@code end} (exclusive) and has dealt with everything before {@code position}.
   */
  @JsonPropertyOrder({"topic", "partition", "start", "end", "position"})
  public record PartitionProgress(
      @JsonProperty("topic") String topic,
      @JsonProperty("partition") int partition,
      @JsonProperty("start") long start,
      @JsonProperty("end") long end,
      @JsonProperty("position") long position) {

    public PartitionProgress at(long newPosition) {
      return new PartitionProgress(topic, partition, start, end, newPosition);
    }

    public boolean isDone() {
      return position >= end;
    }
  }

  /** A job just accepted: running, nothing copied yet. */
  public static ReplayJob accepted(
      String replayId, String subscriptionId, String from, Instant to, String owner, Instant now) {
    return new ReplayJob(
        replayId, subscriptionId, from, to, State.RUNNING, 0, 0, List.of(), null, owner, now, now);
  }

  public ReplayJob progressed(
      List<PartitionProgress> partitions, long copied, long scanned, Instant now) {
    return new ReplayJob(
        replayId,
        subscriptionId,
        from,
        to,
        state,
        copied,
        scanned,
        partitions,
        error,
        owner,
        createdAt,
        now);
  }

  public ReplayJob ended(State end, String reason, Instant now) {
    return new ReplayJob(
        replayId,
        subscriptionId,
        from,
        to,
        end,
        copied,
        scanned,
        partitions,
        reason,
        owner,
        createdAt,
        now);
  }
}
