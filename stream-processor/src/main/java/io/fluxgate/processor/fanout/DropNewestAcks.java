package io.fluxgate.processor.fanout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Tells {@link DropNewestQueues} when the fan-out producer's write of a copy has settled, so that
 * its estimate counts copies still lingering or in flight (which a queue-size read cannot see) and
 * stops counting them once the broker has them.
 *
 * <pre>{@code
 * Properties streamsProps = DropNewestAcks.attach(props, queues); // before new KafkaStreams(...)
 * }</pre>
 *
 * <p>Kafka builds the interceptor for each producer Kafka Streams creates and hands it the
 * producer's configuration, where {@link #attach} left the queues under {@link #QUEUES_CONFIG}.
 * {@link #onAcknowledgement} runs on the producer's I/O thread for every record, acknowledged or
 * failed: one map lookup by topic.
 */
public final class DropNewestAcks implements ProducerInterceptor<Object, Object> {
  /** Producer configuration key (unprefixed) of the {@link DropNewestQueues} to tell. */
  public static final String QUEUES_CONFIG = "fluxgate.drop.newest.queues";

  private DropNewestQueues queues;

  /**
   * A copy of {@code streamsProperties} whose producers report to {@code queues}: this interceptor
   * is added to {@code producer.interceptor.classes}, after any already there.
   */
  public static Properties attach(Properties streamsProperties, DropNewestQueues queues) {
    Properties attached = new Properties();
    attached.putAll(streamsProperties);
    String interceptors = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    List<Object> classes = new ArrayList<>();
    Object configured = attached.get(interceptors);
    if (configured instanceof String names) {
      Arrays.stream(names.split(","))
          .map(String::trim)
          .filter(name -> !name.isEmpty())
          .forEach(classes::add);
    } else if (configured instanceof List<?> list) {
      classes.addAll(list);
    } else if (configured != null) {
      classes.add(configured);
    }
    classes.add(DropNewestAcks.class);
    attached.put(interceptors, classes);
    attached.put(StreamsConfig.producerPrefix(QUEUES_CONFIG), queues);
    return attached;
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object configured = configs.get(QUEUES_CONFIG);
    if (!(configured instanceof DropNewestQueues found)) {
      throw new IllegalArgumentException(
          QUEUES_CONFIG + " must be the fan-out's DropNewestQueues, not " + configured);
    }
    queues = found;
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    // Kafka names the topic even when the write failed; a failed copy will never be in the queue.
    if (metadata != null) {
      queues.settled(metadata.topic());
    }
  }

  @Override
  public void close() {}
}
