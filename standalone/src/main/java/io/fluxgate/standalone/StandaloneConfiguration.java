package io.fluxgate.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fluxgate.gateway.GatewayConfiguration;
import io.fluxgate.processor.FanOutFactory;
import io.fluxgate.processor.TimelinesFactory;
import io.fluxgate.processor.TopologiesFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The gateway's configuration plus the {@code fanOut} block of the in-process stream processor. */
public class StandaloneConfiguration extends GatewayConfiguration {

  @Valid @NotNull private FanOutFactory fanOut = new FanOutFactory();

  @Valid @NotNull private TopologiesFactory topologies = new TopologiesFactory();
  @Valid @NotNull private TimelinesFactory timelines = new TimelinesFactory();

  @JsonProperty
  public FanOutFactory getFanOut() {
    return fanOut;
  }

  @JsonProperty
  public void setFanOut(FanOutFactory fanOut) {
    this.fanOut = fanOut;
  }

  @JsonProperty
  public TopologiesFactory getTopologies() {
    return topologies;
  }

  @JsonProperty
  public void setTopologies(TopologiesFactory topologies) {
    this.topologies = topologies;
  }

  @JsonProperty
  public TimelinesFactory getTimelines() {
    return timelines;
  }

  @JsonProperty
  public void setTimelines(TimelinesFactory timelines) {
    this.timelines = timelines;
  }
}
