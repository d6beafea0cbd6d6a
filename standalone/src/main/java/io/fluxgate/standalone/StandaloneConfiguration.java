package io.fluxgate.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fluxgate.gateway.GatewayConfiguration;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** The gateway's configuration plus the settings of the in-process stream processor. */
public class StandaloneConfiguration extends GatewayConfiguration {

  @NotEmpty private String stateDir = "fluxgate-data/streams";

  @NotEmpty private String processingGuarantee = "at_least_once";

  @NotNull private Map<String, String> streams = Map.of();

  @JsonProperty
  public String getStateDir() {
    return stateDir;
  }

  @JsonProperty
  public void setStateDir(String stateDir) {
    this.stateDir = stateDir;
  }

  @JsonProperty
  public String getProcessingGuarantee() {
    return processingGuarantee;
  }

  @JsonProperty
  public void setProcessingGuarantee(String processingGuarantee) {
    this.processingGuarantee = processingGuarantee;
  }

  @JsonProperty
  public Map<String, String> getStreams() {
    return streams;
  }

  @JsonProperty
  public void setStreams(Map<String, String> streams) {
    this.streams = streams;
  }
}
