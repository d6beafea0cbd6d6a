package io.fluxgate.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/** Where an acknowledged event was written: the answer to a publish. */
@JsonSerialize(using = PublishedEventSerializer.class)
public record PublishedEvent(
    @JsonProperty("id") String id,
    @JsonProperty("event_type") String eventType,
    @JsonProperty("topic") String topic,
    @JsonProperty("partition") int partition,
    @JsonProperty("offset") long offset,
    @JsonProperty("timestamp") Instant timestamp) {}
