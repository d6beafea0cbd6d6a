package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class CopyFailuresTest {
  private final CopyFailures failures = new CopyFailures();

  /** What Kafka hands a callback: the topic partition, and -1 for what a failed write lacks. */
  private static RecordMetadata metadata(String topic) {
    return new RecordMetadata(new TopicPartition(topic, 0), -1, -1, -1, -1, -1);
  }

  @Test
  void shouldKeepNothingForAcknowledgedCopies() {
    failures.onCompletion(metadata("fluxgate.sub.a"), null);

    failures.rethrow();
  }

  @Test
  void shouldSkipACopyWhoseSubscriptionTopicTheBrokerDoesNotKnow() {
    failures.onCompletion(
        metadata("fluxgate.sub.gone"),
        new TimeoutException(
            "Topic fluxgate.sub.gone not present in metadata after 5000 ms.",
            new UnknownTopicOrPartitionException("unknown")));
    failures.onCompletion(
        metadata("fluxgate.sub.gone"), new UnknownTopicOrPartitionException("gone"));

    failures.rethrow();
  }

  @Test
  void shouldRethrowTheFirstFailureEveryTimeNamingItsTopic() {
    RecordTooLargeException tooLarge = new RecordTooLargeException("too large");
    failures.onCompletion(metadata("fluxgate.sub.small"), tooLarge);
    failures.onCompletion(metadata("fluxgate.sub.other"), new TimeoutException("Expiring"));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(failures::rethrow)
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("fluxgate.sub.small")
          .hasCause(tooLarge);
    }
  }

  @Test
  void shouldNotExcuseAMerelyUnreachableBroker() {
    failures.onCompletion(metadata("fluxgate.sub.a"), new TimeoutException("Expiring 3 records"));

    assertThatThrownBy(failures::rethrow).isInstanceOf(StreamsException.class);
  }

  @Test
  void shouldNotExcuseAnUnknownTopicThatIsNotASubscriptionTopic() {
    failures.onCompletion(
        metadata("fluxgate.correlated"), new UnknownTopicOrPartitionException("gone"));

    assertThatThrownBy(failures::rethrow).hasMessageContaining("fluxgate.correlated");
  }

  @Test
  void shouldNotExcuseAFailureWithoutItsTopic() {
    failures.onCompletion(null, new UnknownTopicOrPartitionException("gone"));

    assertThatThrownBy(failures::rethrow).isInstanceOf(StreamsException.class);
  }
}
