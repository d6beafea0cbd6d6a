package io.fluxgate.gateway.core.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.gateway.core.SubscriptionRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The {@code replay} section of the gateway configuration. */
public class ReplayFactory {

  @Min(1)
  @Max(64)
  private int maxConcurrentReplays = 2;

  /** Records read, and at most copied, per step; progress is stored after every step. */
  @Min(1)
  @Max(10_000)
  private int stepRecords = 500;

  @JsonProperty
  public int getMaxConcurrentReplays() {
    return maxConcurrentReplays;
  }

  @JsonProperty
  public void setMaxConcurrentReplays(int maxConcurrentReplays) {
    this.maxConcurrentReplays = maxConcurrentReplays;
  }

  @JsonProperty
  public int getStepRecords() {
    return stepRecords;
  }

  @JsonProperty
  public void setStepRecords(int stepRecords) {
    this.stepRecords = stepRecords;
  }

  /**
   * A service whose jobs read with a read-committed consumer each and write with one idempotent
   * producer (acks=all) that gives up on a missing topic within seconds rather than hanging.
   */
  public ReplayService build(
      Map<String, Object> clientConfig,
      SubscriptionRepository subscriptions,
      ReplayRepository replays,
      Collection<String> eventTopics,
      EventCodec codec,
      Clock clock) {
    Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
    consumerConfig.remove("group.id");
    consumerConfig.put("client.id", "fluxgate-replay-reader");
    consumerConfig.put("enable.auto.commit", "false");
    consumerConfig.put("auto.offset.reset", "earliest");
    consumerConfig.put("isolation.level", "read_committed");
    consumerConfig.put("allow.auto.create.topics", "false");
    consumerConfig.put("max.poll.records", stepRecords);
    consumerConfig.put("fetch.max.wait.ms", "50");
    consumerConfig.put("default.api.timeout.ms", 10_000);
    Map<String, Object> producerConfig = new HashMap<>(clientConfig);
    producerConfig.put("client.id", "fluxgate-replay-writer");
    producerConfig.put("acks", "all");
    producerConfig.put("enable.idempotence", "true");
    producerConfig.put("max.block.ms", 10_000);
    producerConfig.put("request.timeout.ms", 10_000);
    producerConfig.put("delivery.timeout.ms", 20_000);
    producerConfig.put("linger.ms", 5);
    return new ReplayService(
        subscriptions,
        replays,
        () ->
            new KafkaConsumer<>(
                consumerConfig, new StringDeserializer(), new ByteArrayDeserializer()),
        () ->
            new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
        eventTopics,
        codec,
        clock,
        maxConcurrentReplays);
  }
}
