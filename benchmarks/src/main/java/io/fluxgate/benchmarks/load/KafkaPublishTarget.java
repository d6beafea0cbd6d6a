package io.fluxgate.benchmarks.load;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: the same events written straight to Kafka by one idempotent producer with {@code
 * acks=all} (what the gateway promises before its 201), the event id as key like the gateway. A
 * request returns when all its records are acknowledged, so the concurrency matches the HTTP
 * connections. The topic gets the partitions and replication of the gateway's {@code events}.
 */
public final class KafkaPublishTarget implements PublishTarget {
  static final String GATEWAY_TOPIC = "events";

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;

  private KafkaPublishTarget(KafkaProducer<String, byte[]> producer, String topic) {
    this.producer = producer;
    this.topic = topic;
  }

  /**
   * A baseline producer with this tuning, writing to {@code topic} (created like {@code events}).
   */
  public static KafkaPublishTarget create(
      String bootstrapServers, String topic, LoadSettings.BaselineProducer tuning)
      throws Exception {
    createTopicLike(bootstrapServers, topic);
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "fluxgate-loadgen-baseline");
    // By default the gateway publisher's batching (EventPublisher.createProducer), so that the
    // ratio
    // measures the HTTP path and not a different producer tuning: Kafka's default linger.ms of 5
    // makes every synchronous send wait 5 ms where the gateway's waits 2, and its 16 KiB batches
    // split a request of 500 events into many produce batches where the gateway's fit one.
    if (tuning == LoadSettings.BaselineProducer.GATEWAY) {
      config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
      config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    }
    return new KafkaPublishTarget(
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()), topic);
  }

  private static void createTopicLike(String bootstrapServers, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int partitions = 3;
      short replication = 1;
      try {
        TopicDescription events =
            admin.describeTopics(List.of(GATEWAY_TOPIC)).allTopicNames().get().get(GATEWAY_TOPIC);
        partitions = events.partitions().size();
        replication = (short) events.partitions().get(0).replicas().size();
      } catch (ExecutionException noEventsTopic) {
        // The gateway has not published yet: keep the standalone defaults.
      }
      try {
        admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  @Override
  public void send(int connection, List<String> ids, List<String> events) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      acks.add(
          producer.send(
              new ProducerRecord<>(
                  topic, ids.get(i), events.get(i).getBytes(StandardCharsets.UTF_8))));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
