package io.fluxgate.core.topic;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fluxgate.core.glob.GlobPattern;
import java.time.Duration;

/**
 * A topic rule as written in a YAML or JSON configuration file.
 *
 * <pre>
 * topics:
 *   - pattern: "payment.**"
 *     topic: payments
 *     partitions: 6
 *     retention: P30D
 *     compression: lz4
 * </pre>
 */
public record TopicRuleConfig(
    @JsonProperty("pattern") String pattern,
    @JsonProperty("topic") String topic,
    @JsonProperty("partitions") Integer partitions,
    @JsonProperty("retention") Duration retention,
    @JsonProperty("compression") String compression) {

  public TopicRule toRule() {
    return new TopicRule(
        GlobPattern.compile(pattern),
        topic,
        partitions == null ? TopicRule.DEFAULT_PARTITIONS : partitions,
        retention == null ? TopicRule.DEFAULT_RETENTION : retention,
        compression == null ? TopicRule.DEFAULT_COMPRESSION : compression);
  }
}
