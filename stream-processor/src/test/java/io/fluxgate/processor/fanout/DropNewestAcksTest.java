package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class DropNewestAcksTest {
  private static final String INTERCEPTORS =
      StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);

  private final Subscription bounded =
      new Subscription(
          "bounded",
          "bounded",
          List.of("a.*"),
          StartPosition.LATEST,
          Map.of(),
          Instant.parse("2025-07-25T10:30:00Z"),
          null,
          false,
          Backpressure.DROP_NEWEST,
          10,
          null);
  private final DropNewestQueues queues =
      new DropNewestQueues(
          () -> List.of(bounded), subs -> Map.of(), (id, counts) -> {}, Duration.ofMillis(10));

  @Test
  void shouldSettleAcknowledgedAndFailedCopiesOfTheQueuesTopics() {
    DropNewestAcks acks = new DropNewestAcks();
    acks.configure(Map.of(DropNewestAcks.QUEUES_CONFIG, queues, "linger.ms", "10"));
    for (int i = 0; i < 3; i++) {
      assertThat(queues.admit(bounded)).isTrue();
    }
    queues.refresh();
    assertThat(queues.estimatedQueueSize("bounded")).isEqualTo(3);

    acks.onAcknowledgement(metadata(bounded.topic(), 7), null);
    acks.onAcknowledgement(metadata(bounded.topic(), -1), new TimeoutException("expired"));
    acks.onAcknowledgement(metadata("fluxgate.sub.other", 3), null);
    queues.refresh();

    assertThat(queues.estimatedQueueSize("bounded")).as("one copy still in flight").isEqualTo(1);
  }

  @Test
  void shouldRefuseAProducerConfiguredWithoutTheQueues() {
    DropNewestAcks acks = new DropNewestAcks();

    assertThatThrownBy(() -> acks.configure(Map.of("linger.ms", "10")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(DropNewestAcks.QUEUES_CONFIG);
  }

  @Test
  void shouldAddItselfAfterTheConfiguredInterceptorsWithoutChangingTheGivenProperties() {
    Properties named = new Properties();
    named.put(INTERCEPTORS, "com.example.Audit, com.example.Trace");
    named.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out");
    Properties listed = new Properties();
    listed.put(INTERCEPTORS, List.of(String.class));

    Properties fromNames = DropNewestAcks.attach(named, queues);
    Properties fromList = DropNewestAcks.attach(listed, queues);
    Properties fromNothing = DropNewestAcks.attach(new Properties(), queues);

    assertThat(fromNames.get(INTERCEPTORS))
        .isEqualTo(List.of("com.example.Audit", "com.example.Trace", DropNewestAcks.class));
    assertThat(fromNames.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("fan-out");
    assertThat(fromNames.get(StreamsConfig.producerPrefix(DropNewestAcks.QUEUES_CONFIG)))
        .isSameAs(queues);
    assertThat(fromList.get(INTERCEPTORS)).isEqualTo(List.of(String.class, DropNewestAcks.class));
    assertThat(fromNothing.get(INTERCEPTORS)).isEqualTo(List.of(DropNewestAcks.class));
    assertThat(named.get(INTERCEPTORS)).isEqualTo("com.example.Audit, com.example.Trace");
    assertThat(named).doesNotContainKey(StreamsConfig.producerPrefix(DropNewestAcks.QUEUES_CONFIG));
  }

  @Test
  void shouldHandTheQueuesToTheProducersKafkaStreamsCreates() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");

    Map<String, Object> producer =
        new StreamsConfig(DropNewestAcks.attach(props, queues)).getProducerConfigs("client");

    assertThat(producer.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG))
        .isEqualTo(List.of(DropNewestAcks.class));
    assertThat(producer.get(DropNewestAcks.QUEUES_CONFIG)).isSameAs(queues);
  }

  private static RecordMetadata metadata(String topic, long offset) {
    return new RecordMetadata(new TopicPartition(topic, 0), offset, 0, 0L, 10, 300);
  }
}
