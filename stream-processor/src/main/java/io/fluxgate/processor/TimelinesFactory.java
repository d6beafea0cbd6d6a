package io.fluxgate.processor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import io.fluxgate.core.kafka.KafkaConnectionFactory;
import io.fluxgate.core.topic.TopicProvisioner;
import io.fluxgate.processor.query.AdvertisedServer;
import io.fluxgate.processor.topology.TimelineTopology;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The {@code timelines} block of a processor's configuration: whether this instance keeps
 * correlation timelines ({@code GET /v1/correlations/{id}}) and for how long.
 *
 * <pre>
 * timelines:
 *   enabled: true
 *   retention: 24h
 * </pre>
 */
public class TimelinesFactory {
  private boolean enabled = true;

  @NotNull private Duration retention = Duration.hours(24);

  @JsonProperty
  public boolean isEnabled() {
    return enabled;
  }

  @JsonProperty
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  @JsonProperty
  public Duration getRetention() {
    return retention;
  }

  @JsonProperty
  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  /**
   * When enabled, the timelines application, started (advertising {@code advertised}) once the HTTP
   * server has started and stopped with the environment.
   */
  public Optional<TimelineService> build(
      KafkaConnectionFactory kafka,
      String stateDir,
      AdvertisedServer advertised,
      Environment environment) {
    if (!enabled) {
      return Optional.empty();
    }
    TimelineService timelines =
        new TimelineService(
            streamsConfig(kafka, stateDir),
            java.time.Duration.ofMillis(retention.toMilliseconds()));
    environment.lifecycle().manage(timelines);
    environment
        .lifecycle()
        .addServerLifecycleListener(server -> timelines.start(advertised.resolve(server)));
    return Optional.of(timelines);
  }

  static Properties streamsConfig(KafkaConnectionFactory kafka, String stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, TimelineTopology.APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    // At-least-once: an event kept twice after a retry is shown once (timelines dedupe by id).
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), "50");
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
    // An event's JSON may be larger than its Avro: let the changelog take it.
    props.put(
        StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
        Integer.toString(TopicProvisioner.MAX_MESSAGE_BYTES * 2));
    props.put(
        StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
        Integer.toString(TopicProvisioner.MAX_MESSAGE_BYTES * 2));
    props.putAll(kafka.getProperties());
    return props;
  }
}
