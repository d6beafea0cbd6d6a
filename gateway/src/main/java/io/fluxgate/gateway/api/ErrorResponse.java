package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The one JSON shape of every error the gateway returns. */
public record ErrorResponse(
    @JsonProperty("error") String error,
    @JsonProperty("message") String message,
    @JsonProperty("details") List<?> details) {

  public ErrorResponse {
    details = details == null ? List.of() : List.copyOf(details);
  }
}
