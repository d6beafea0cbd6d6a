package io.fluxgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.fluxgate.core.topology.HttpTopologyQueries;
import io.fluxgate.core.topology.QueryHttpClient;
import io.fluxgate.core.topology.TopologyQueries;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The {@code processorQueries} block of the gateway's configuration: where a gateway running apart
 * from the stream processors asks for topology results and correlation timelines.
 *
 * <pre>
 * processorQueries:
 *   processorUrl: http://processor:8090   # any processor instance; it forwards
 *   queryTimeout: 10s
 * </pre>
 */
public class TopologiesConfiguration {
  private String processorUrl;

  @NotNull private Duration queryTimeout = Duration.seconds(10);

  @JsonProperty
  public String getProcessorUrl() {
    return processorUrl;
  }

  @JsonProperty
  public void setProcessorUrl(String processorUrl) {
    this.processorUrl = processorUrl;
  }

  @JsonProperty
  public Duration getQueryTimeout() {
    return queryTimeout;
  }

  @JsonProperty
  public void setQueryTimeout(Duration queryTimeout) {
    this.queryTimeout = queryTimeout;
  }

  /**
   * Queries over HTTP to {@code processorUrl}; without one, every query is unavailable (503) and
   * says so.
   */
  public TopologyQueries buildQueries() {
    if (processorUrl == null || processorUrl.isBlank()) {
      return new Unconfigured();
    }
    return new HttpTopologyQueries(
        URI.create(processorUrl.strip()),
        new QueryHttpClient(java.time.Duration.ofMillis(queryTimeout.toMilliseconds())));
  }

  private static final class Unconfigured implements TopologyQueries {
    private static final String MESSAGE =
        "no stream processor to ask: set topologies.processorUrl in the gateway's configuration";

    @Override
    public Optional<com.fasterxml.jackson.databind.node.ArrayNode> results(
        String name, Optional<List<String>> group, java.time.Instant from, java.time.Instant to) {
      throw new QueryUnavailableException(MESSAGE, null);
    }

    @Override
    public com.fasterxml.jackson.databind.node.ArrayNode timeline(String correlationId) {
      throw new QueryUnavailableException(MESSAGE, null);
    }
  }
}
