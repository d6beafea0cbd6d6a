package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.internals.ClientUtils;
import org.junit.jupiter.api.Test;

/**
 * The router's producers, without a broker: nothing listens on the bootstrap address, so a write
 * fails once the producer gives up waiting for the topic's metadata.
 */
class FanOutClientsTest {
  private static final String THREAD = "fluxgate-fanout-0b7e-StreamThread-1";

  private final FanOutClients clients = new FanOutClients();

  private static Map<String, Object> producerConfig(String clientId) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 200);
    return config;
  }

  @Test
  void shouldHandTheRouterTheAtLeastOnceProducerOfItsStreamThread() {
    var producer = clients.getProducer(producerConfig(THREAD + "-producer"));
    try {
      assertThat(clients.copyProducerOf(THREAD)).isSameAs(producer);
      assertThat(clients.copyProducerOf("fluxgate-fanout-0b7e-StreamThread-2")).isNull();
    } finally {
      producer.close(Duration.ZERO);
    }
    assertThat(clients.copyProducerOf(THREAD)).as("forgotten once closed").isNull();
  }

  @Test
  void shouldKeepTransactionalProducersForTheSink() {
    Map<String, Object> config = producerConfig(THREAD + "-producer");
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fluxgate-fanout-0b7e-1");
    try (var producer = clients.getProducer(config)) {
      assertThat(producer).isNotInstanceOf(CopyProducer.class);
      assertThat(clients.copyProducerOf(THREAD)).isNull();
    }
  }

  @Test
  void shouldFailTheFlushBeforeACommitAndTheNextCopyAfterACopyFailed() {
    try (CopyProducer producer =
        (CopyProducer) clients.getProducer(producerConfig(THREAD + "-producer"))) {
      producer.sendCopy(new ProducerRecord<>("fluxgate.sub.a", new byte[] {1}, new byte[] {2}));

      assertThatThrownBy(producer::flush)
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("fluxgate.sub.a")
          .hasCauseInstanceOf(TimeoutException.class);
      assertThatThrownBy(
              () ->
                  producer.sendCopy(
                      new ProducerRecord<>("fluxgate.sub.b", new byte[] {1}, new byte[] {2})))
          .isInstanceOf(StreamsException.class)
          .hasMessageContaining("fluxgate.sub.a");
    }
  }

  @Test
  void shouldNameItsProducersAsKafkaStreamsNamesAStreamThreadsProducer() {
    assertThat(ClientUtils.producerClientId(THREAD)).isEqualTo(THREAD + "-producer");
  }
}
