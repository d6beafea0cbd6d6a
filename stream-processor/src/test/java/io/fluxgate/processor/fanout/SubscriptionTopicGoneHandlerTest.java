package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.junit.jupiter.api.Test;

class SubscriptionTopicGoneHandlerTest {
  private final SubscriptionTopicGoneHandler handler = new SubscriptionTopicGoneHandler();

  private Result handle(String topic, Exception exception) {
    Response response =
        handler.handleError(null, new ProducerRecord<>(topic, new byte[0], new byte[0]), exception);
    return response.result();
  }

  @Test
  void shouldSkipACopyWhoseSubscriptionTopicTheBrokerDoesNotKnow() {
    Exception metadataTimeout =
        new TimeoutException(
            "Topic fluxgate.sub.x not present in metadata after 10000 ms.",
            new UnknownTopicOrPartitionException("unknown"));

    assertThat(handle("fluxgate.sub.x", metadataTimeout)).isEqualTo(Result.RESUME);
    assertThat(handle("fluxgate.sub.x", new UnknownTopicOrPartitionException("gone")))
        .isEqualTo(Result.RESUME);
  }

  @Test
  void shouldFailWhenTheBrokerIsMerelyUnreachable() {
    assertThat(handle("fluxgate.sub.x", new TimeoutException("Expiring 3 record(s)")))
        .isEqualTo(Result.FAIL);
  }

  @Test
  void shouldFailForTopicsThatAreNotSubscriptionTopics() {
    assertThat(handle("events", new UnknownTopicOrPartitionException("gone")))
        .isEqualTo(Result.FAIL);
  }
}
