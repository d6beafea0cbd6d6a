package io.fluxgate.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxgate.core.kafka.CompactedTopic;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.topic.PlatformTopics;
import io.fluxgate.core.topology.DeployedTopology;
import io.fluxgate.core.topology.InvalidTopologySpecException;
import io.fluxgate.core.topology.TopologySpec;
import io.fluxgate.core.topology.TopologySpecJson;
import io.fluxgate.core.topology.TopologySpecParser;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Deploying, listing and deleting topologies. A deploy stores the canonical spec with the event
 * topics' end offsets at that moment, where the stream processors start it: a topology counts
 * exactly the events published after its {@code 201}. Storing the same spec again changes nothing;
 * a changed spec of the same name replaces the running one.
 */
public final class TopologyService {
  private static final int RETRY_AFTER_SECONDS = 1;

  /** What a deploy did. */
  public enum Outcome {
    CREATED,
    REPLACED,
    UNCHANGED
  }

  /** The result of a deploy: what it did and the topology as it is now, with its status. */
  public record Deployment(Outcome outcome, ObjectNode topology) {}

  private final TopologyRepository store;
  private final TopologyStatusSource statuses;
  private final Supplier<Map<String, Long>> endOffsets;
  private final Clock clock;

  /**
   * @param endOffsets the event topics' current end offsets, keyed {@code <topic>-<partition>}
   */
  public TopologyService(
      TopologyRepository store,
      TopologyStatusSource statuses,
      Supplier<Map<String, Long>> endOffsets,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.statuses = Objects.requireNonNull(statuses, "statuses");
    this.endOffsets = Objects.requireNonNull(endOffsets, "endOffsets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** End offsets read with {@link StartOffsets} as a new subscription's {@code latest} start. */
  public static Supplier<Map<String, Long>> latestOffsets(StartOffsets startOffsets) {
    return () -> {
      try {
        return startOffsets.read(StartPosition.LATEST);
      } catch (StartOffsets.UnavailableException e) {
        throw new OffsetsUnavailableException(e);
      }
    };
  }

  /** The event topics' end offsets could not be read: the topology cannot be pinned. */
  public static final class OffsetsUnavailableException extends RuntimeException {
    public OffsetsUnavailableException(Throwable cause) {
      super("could not read the event topics' end offsets", cause);
    }
  }

  /**
   * Deploys a spec (JSON, or YAML when {@code yaml}).
   *
   * @throws ApiException 400 {@code invalid_topology} with every problem; 503 when Kafka fails
   */
  public Deployment deploy(byte[] body, boolean yaml) {
    TopologySpec spec;
    try {
      spec = TopologySpecParser.parse(body, yaml);
    } catch (InvalidTopologySpecException e) {
      throw ApiException.badRequest(
          "invalid_topology",
          "the topology spec is invalid",
          e.problems().stream()
              .map(p -> Map.of("field", p.field(), "message", p.message()))
              .toList());
    }
    var existing = store.get(spec.name());
    String generation = DeployedTopology.generationOf(spec);
    if (existing.isPresent() && existing.get().generation().equals(generation)) {
      return new Deployment(Outcome.UNCHANGED, render(existing.get()));
    }
    DeployedTopology deployed;
    try {
      deployed = DeployedTopology.of(spec, clock.instant(), endOffsets.get());
      store.put(deployed);
    } catch (OffsetsUnavailableException | CompactedTopic.WriteFailedException e) {
      throw ApiException.unavailable(
          "could not deploy topology " + spec.name() + ": Kafka is unavailable",
          RETRY_AFTER_SECONDS);
    }
    return new Deployment(
        existing.isPresent() ? Outcome.REPLACED : Outcome.CREATED, render(deployed));
  }

  public List<ObjectNode> list() {
    return store.all().stream().map(this::render).toList();
  }

  /**
   * @throws ApiException 404 when no topology has that name
   */
  public ObjectNode get(String name) {
    return render(find(name));
  }

  /**
   * Undeploys a topology: the processors stop it and remove its state, internal topics and group.
   *
   * @throws ApiException 404 when no topology has that name; 503 when Kafka fails
   */
  public void delete(String name) {
    find(name);
    try {
      store.delete(name);
    } catch (CompactedTopic.WriteFailedException e) {
      throw ApiException.unavailable(
          "could not delete topology " + name + ": Kafka is unavailable", RETRY_AFTER_SECONDS);
    }
  }

  private DeployedTopology find(String name) {
    return store.get(name).orElseThrow(() -> ApiException.notFound("topology", name));
  }

  /** The canonical spec with {@code application_id}, {@code deployed_at}, {@code generation}. */
  private ObjectNode render(DeployedTopology deployed) {
    ObjectNode json = TopologySpecJson.toJson(deployed.spec());
    json.put("application_id", PlatformTopics.topologyApplicationId(deployed.name()));
    json.put("deployed_at", deployed.deployedAt().toString());
    json.put("generation", deployed.generation());
    json.set("status", statuses.status(deployed.name(), deployed.generation()));
    return json;
  }
}
