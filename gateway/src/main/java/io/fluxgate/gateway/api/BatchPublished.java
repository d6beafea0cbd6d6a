package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to a batch publish: one entry per event, in the order they were sent. */
public record BatchPublished(
    @JsonProperty("count") int count, @JsonProperty("events") List<PublishedEvent> events) {}
