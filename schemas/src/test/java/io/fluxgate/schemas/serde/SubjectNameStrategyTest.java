package io.fluxgate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.schemas.serde.testing.Payment;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
  private static final Schema PAYMENT = Payment.getClassSchema();
  private static final Schema STRING = Schema.create(Schema.Type.STRING);

  @Test
  void shouldNameTopicKeyAndValueSubjects() {
    SubjectNameStrategy strategy = new TopicNameStrategy();

    assertThat(strategy.subjectName("payments", true, PAYMENT)).isEqualTo("payments-key");
    assertThat(strategy.subjectName("payments", false, PAYMENT)).isEqualTo("payments-value");
  }

  @Test
  void shouldNameRecordSubjectsByFullName() {
    SubjectNameStrategy strategy = new RecordNameStrategy();

    assertThat(strategy.subjectName("payments", false, PAYMENT))
        .isEqualTo("io.fluxgate.schemas.serde.testing.Payment");
    assertThat(strategy.subjectName("payments", true, STRING)).isEqualTo("string");
  }

  @Test
  void shouldNameTopicRecordSubjects() {
    assertThat(new TopicRecordNameStrategy().subjectName("payments", false, PAYMENT))
        .isEqualTo("payments-io.fluxgate.schemas.serde.testing.Payment");
  }

  @Test
  void shouldAcceptConfluentClassNames() {
    assertThat(
            SubjectNameStrategy.forClassName(
                "io.confluent.kafka.serializers.subject.TopicNameStrategy"))
        .isInstanceOf(TopicNameStrategy.class);
    assertThat(
            SubjectNameStrategy.forClassName(
                "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
        .isInstanceOf(RecordNameStrategy.class);
    assertThat(
            SubjectNameStrategy.forClassName(
                "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
        .isInstanceOf(TopicRecordNameStrategy.class);
  }

  @Test
  void shouldAcceptOurClassNames() {
    assertThat(SubjectNameStrategy.forClassName(TopicNameStrategy.class.getName()))
        .isInstanceOf(TopicNameStrategy.class);
    assertThat(SubjectNameStrategy.forClassName(RecordNameStrategy.class.getName()))
        .isInstanceOf(RecordNameStrategy.class);
    assertThat(SubjectNameStrategy.forClassName(" " + TopicRecordNameStrategy.class.getName()))
        .isInstanceOf(TopicRecordNameStrategy.class);
  }

  @Test
  void shouldInstantiateAnotherImplementation() {
    assertThat(
            SubjectNameStrategy.forClassName(Fixed.class.getName()).subjectName("t", false, STRING))
        .isEqualTo("fixed");
  }

  @Test
  void shouldRefuseAnUnknownClass() {
    assertThatThrownBy(() -> SubjectNameStrategy.forClassName("com.example.Nope"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("com.example.Nope")
        .hasMessageContaining("not a known subject name strategy");
  }

  @Test
  void shouldRefuseAClassThatIsNotAStrategy() {
    assertThatThrownBy(() -> SubjectNameStrategy.forClassName(String.class.getName()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not implement");
  }

  /** A strategy of a user's own. */
  public static final class Fixed implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
      return "fixed";
    }
  }
}
