package io.fluxgate.processor.fanout;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * The fan-out's Kafka clients: Kafka Streams' own, except that each stream thread's producer under
 * at-least-once is a {@link CopyProducer}, which the router finds by its stream thread and writes
 * copies with (see {@link FanOutTopology}).
 *
 * <pre>{@code
 * FanOutClients clients = new FanOutClients();
 * Topology topology = FanOutTopology.buildTopology(topics, routes, metrics, catchUp, codec, queues,
 *     clients);
 * KafkaStreams streams = new KafkaStreams(topology, props, clients);
 * }</pre>
 *
 * <p>A transactional producer (exactly-once) is a plain one: its copies go through the topology's
 * sink, which writes them in the stream thread's transaction.
 */
public final class FanOutClients implements KafkaClientSupplier {
  /** Kafka Streams names a stream thread's producer after its thread. */
  private static final String PRODUCER_SUFFIX = "-producer";

  private final Map<String, CopyProducer> copyProducers = new ConcurrentHashMap<>();

  @Override
  public Admin getAdmin(Map<String, Object> config) {
    return Admin.create(config);
  }

  @Override
  public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
    if (config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) != null) {
      return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
    String clientId = String.valueOf(config.get(ProducerConfig.CLIENT_ID_CONFIG));
    CopyProducer producer =
        new CopyProducer(config, closed -> copyProducers.remove(clientId, closed));
    copyProducers.put(clientId, producer);
    return producer;
  }

  @Override
  public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }

  @Override
  public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
    return getConsumer(config);
  }

  /**
   * The at-least-once producer of the stream thread named {@code streamThreadName}, or null (an
   * exactly-once thread, or a thread whose producer this supplier did not make).
   */
  CopyProducer copyProducerOf(String streamThreadName) {
    return copyProducers.get(streamThreadName + PRODUCER_SUFFIX);
  }
}
