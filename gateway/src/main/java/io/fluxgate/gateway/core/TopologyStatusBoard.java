package io.fluxgate.gateway.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.lifecycle.Managed;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topology.TopologyStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status of every topology as the stream processor instances report it in {@link
 * PlatformTopics#TOPOLOGY_STATUS}, merged over the instances: reports older than {@link #FRESH} or
 * of another generation than the deployed one are left out; with none left, the topology is {@code
 * deploying}.
 */
public final class TopologyStatusBoard implements TopologyStatusSource, Managed {
  /** Reports older than this come from an instance that stopped or hangs. */
  static final Duration FRESH = Duration.ofSeconds(10);

  // The first state in this list that any instance reports is the merged one.
  private static final List<String> WORST_FIRST =
      List.of(
          "failed",
          "error",
          "pending_error",
          "rebalancing",
          "created",
          "pending_shutdown",
          "not_running",
          "running");

  private final Map<String, TopologyStatus> reports = new ConcurrentHashMap<>();
  private final CompactedTopic topic;
  private final Clock clock;

  public TopologyStatusBoard(Map<String, Object> clientConfig, Clock clock) {
    this.topic =
        new CompactedTopic(
            clientConfig, PlatformTopics.TOPOLOGY_STATUS, "topology-status", this::apply);
    this.clock = clock;
  }

  @Override
  public void start() throws InterruptedException {
    topic.start(false);
  }

  private void apply(String key, byte[] value, long offset) {
    if (key == null) {
      return;
    }
    if (value == null) {
      reports.remove(key);
      return;
    }
    try {
      reports.put(key, TopologyStatus.fromBytes(value));
    } catch (IOException e) {
      reports.remove(key);
    }
  }

  /**
   * The merged status of topology {@code name} at {@code generation}: {@code state}, {@code lag}
   * (the largest any instance sees), the sums of {@code processed}, {@code rate_per_second}, {@code
   * published}, {@code late_dropped} and {@code undecodable}, the latest {@code last_error}, and
   * how many {@code instances} report it.
   */
  @Override
  public ObjectNode status(String name, String generation) {
    return merge(select(reports, name, generation, clock.instant().minus(FRESH)));
  }

  /** The reports on {@code name} at {@code generation} updated after {@code oldest}. */
  static List<TopologyStatus> select(
      Map<String, TopologyStatus> reports, String name, String generation, Instant oldest) {
    return reports.entrySet().stream()
        .filter(e -> TopologyStatus.nameOf(e.getKey()).equals(name))
        .map(Map.Entry::getValue)
        .filter(s -> s.generation().equals(generation) && s.updatedAt().isAfter(oldest))
        .toList();
  }

  static ObjectNode merge(List<TopologyStatus> reports) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    String state =
        reports.isEmpty()
            ? "deploying"
            : WORST_FIRST.stream()
                .filter(s -> reports.stream().anyMatch(r -> r.state().equals(s)))
                .findFirst()
                .orElse(reports.get(0).state());
    json.put("state", state);
    json.put("lag", reports.stream().mapToLong(TopologyStatus::lag).max().orElse(0));
    json.put("processed", reports.stream().mapToLong(TopologyStatus::processed).sum());
    json.put(
        "rate_per_second",
        Math.round(reports.stream().mapToDouble(TopologyStatus::ratePerSecond).sum() * 100)
            / 100.0);
    json.put("published", reports.stream().mapToLong(TopologyStatus::published).sum());
    json.put("late_dropped", reports.stream().mapToLong(TopologyStatus::lateDropped).sum());
    json.put("undecodable", reports.stream().mapToLong(TopologyStatus::undecodable).sum());
    json.put(
        "last_error",
        reports.stream()
            .filter(r -> r.lastError() != null)
            .max(Comparator.comparing(TopologyStatus::updatedAt))
            .map(TopologyStatus::lastError)
            .orElse(null));
    json.put("instances", reports.size());
    return json;
  }

  /** Whether the reader is up to date. */
  public boolean isCurrent() {
    return topic.isCurrent();
  }

  @Override
  public void stop() throws InterruptedException {
    topic.stop();
  }
}
