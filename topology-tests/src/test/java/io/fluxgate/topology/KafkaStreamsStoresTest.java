package io.fluxgate.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxgate.processor.query.KafkaStreamsStores;
import io.fluxgate.processor.topology.TimelineTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before its application runs, nobody is known to hold a store, and the local one is not there. */
class KafkaStreamsStoresTest {
  @TempDir Path stateDir;

  @Test
  void shouldKnowNoHolderOfAStoreBeforeTheApplicationRuns() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stores-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8090");
    try (KafkaStreams streams =
        new KafkaStreams(TimelineTopology.buildTopology(Duration.ofHours(1)), props)) {
      KafkaStreamsStores stores = new KafkaStreamsStores(streams);

      assertThat(stores.activeHostFor(TimelineTopology.STORE, "req-1")).isEmpty();
      assertThat(stores.hostsOf(TimelineTopology.STORE)).isEmpty();
      assertThatThrownBy(
              () -> stores.localStore(TimelineTopology.STORE, QueryableStoreTypes.windowStore()))
          .isInstanceOf(InvalidStateStoreException.class);
    }
  }
}
