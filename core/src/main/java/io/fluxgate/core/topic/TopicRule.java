package io.fluxgate.core.topic;

import io.fluxgate.core.glob.GlobPattern;
import java.time.Duration;
import java.util.Objects;

/**
 * One rule of the topic catalog: event types matching {@code pattern} go to {@code topic}.
 *
 * @param pattern glob over event types
 * @param topic Kafka topic name
 * @param partitions partitions used when the platform creates the topic
 * @param retention retention used when the platform creates the topic
 * @param compression producer-side compression of the topic ({@code none}, {@code lz4}, ...)
 */
public record TopicRule(
    GlobPattern pattern, String topic, int partitions, Duration retention, String compression) {

  public static final int DEFAULT_PARTITIONS = 3;
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
  public static final String DEFAULT_COMPRESSION = "producer";

  public TopicRule {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(compression, "compression");
    if (!TopicNames.isValid(topic)) {
      throw new IllegalArgumentException("invalid Kafka topic name: '" + topic + "'");
    }
    if (topic.startsWith("_fluxgate.")
        || topic.startsWith(PlatformTopics.SUBSCRIPTION_TOPIC_PREFIX)) {
      throw new IllegalArgumentException("topic '" + topic + "' is reserved for the platform");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
  }

  public static TopicRule of(String pattern, String topic) {
    return new TopicRule(
        GlobPattern.compile(pattern),
        topic,
        DEFAULT_PARTITIONS,
        DEFAULT_RETENTION,
        DEFAULT_COMPRESSION);
  }
}
