package io.fluxgate.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * Names the registry subject a value's schema is registered under. Configured by class name under
 * {@code key.subject.name.strategy} and {@code value.subject.name.strategy}; Confluent's class
 * names select the matching strategy here, so configurations written for Confluent work unchanged.
 * Any other class implementing this interface, with a public no-argument constructor, may be named
 * too.
 */
public interface SubjectNameStrategy {
  /** The class name Confluent's serializers use for {@link TopicNameStrategy}. */
  String CONFLUENT_TOPIC_NAME_STRATEGY = "io.confluent.kafka.serializers.subject.TopicNameStrategy";

  /** The class name Confluent's serializers use for {@link RecordNameStrategy}. */
  String CONFLUENT_RECORD_NAME_STRATEGY =
      "io.confluent.kafka.serializers.subject.RecordNameStrategy";

  /** The class name Confluent's serializers use for {@link TopicRecordNameStrategy}. */
  String CONFLUENT_TOPIC_RECORD_NAME_STRATEGY =
      "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy";

  /**
   * The subject for a key ({@code isKey}) or value of {@code topic} written with {@code schema}.
   */
  String subjectName(String topic, boolean isKey, Schema schema);

  /**
   * The strategy a configuration names: ours or Confluent's name of a built-in strategy, or the
   * name of another implementation of this interface.
   *
   * @throws ConfigException when the class is unknown or is not a strategy
   */
  static SubjectNameStrategy forClassName(String className) {
    String name = className.trim();
    if (name.equals(CONFLUENT_TOPIC_NAME_STRATEGY)
        || name.equals(TopicNameStrategy.class.getName())) {
      return new TopicNameStrategy();
    }
    if (name.equals(CONFLUENT_RECORD_NAME_STRATEGY)
        || name.equals(RecordNameStrategy.class.getName())) {
      return new RecordNameStrategy();
    }
    if (name.equals(CONFLUENT_TOPIC_RECORD_NAME_STRATEGY)
        || name.equals(TopicRecordNameStrategy.class.getName())) {
      return new TopicRecordNameStrategy();
    }
    try {
      Class<?> type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
      if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
        throw new ConfigException(
            "subject.name.strategy", name, "does not implement " + SubjectNameStrategy.class);
      }
      return (SubjectNameStrategy) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConfigException(
          "subject.name.strategy",
          name,
          "not a known subject name strategy ("
              + e
              + "); use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
  }
}
