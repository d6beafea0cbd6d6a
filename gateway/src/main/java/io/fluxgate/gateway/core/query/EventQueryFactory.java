package io.fluxgate.gateway.core.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.event.EventJson;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The {@code query} block of the gateway's configuration: how much one historical query may scan.
 *
 * <pre>
 * query:
 *   maxScannedRecords: 100000
 *   timeBudget: 5s
 *   maxConcurrentQueries: 4
 * </pre>
 */
public class EventQueryFactory {
  private static final java.util.concurrent.atomic.AtomicLong QUERIES =
      new java.util.concurrent.atomic.AtomicLong();

  @Min(1)
  private long maxScannedRecords = 100_000;

  @NotNull private Duration timeBudget = Duration.seconds(5);

  @Min(1)
  @Max(64)
  private int maxConcurrentQueries = 4;

  @JsonProperty
  public long getMaxScannedRecords() {
    return maxScannedRecords;
  }

  @JsonProperty
  public void setMaxScannedRecords(long maxScannedRecords) {
    this.maxScannedRecords = maxScannedRecords;
  }

  @JsonProperty
  public Duration getTimeBudget() {
    return timeBudget;
  }

  @JsonProperty
  public void setTimeBudget(Duration timeBudget) {
    this.timeBudget = timeBudget;
  }

  @JsonProperty
  public int getMaxConcurrentQueries() {
    return maxConcurrentQueries;
  }

  @JsonProperty
  public void setMaxConcurrentQueries(int maxConcurrentQueries) {
    this.maxConcurrentQueries = maxConcurrentQueries;
  }

  /** A scanner of {@code eventTopics} that opens a plain read-committed consumer per query. */
  public EventScanner build(
      Map<String, Object> clientConfig,
      Collection<String> eventTopics,
      EventJson eventJson,
      EventCodec codec,
      Clock clock) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.remove("group.id");
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    config.put("allow.auto.create.topics", "false");
    config.put("fetch.max.wait.ms", "50");
    // Offset look-ups give up with the time budget rather than Kafka's default minute.
    config.put("default.api.timeout.ms", (int) Math.max(1, timeBudget.toMilliseconds()));
    return new EventScanner(
        () -> {
          Map<String, Object> perQuery = new HashMap<>(config);
          perQuery.put("client.id", "fluxgate-query-" + QUERIES.incrementAndGet());
          return new KafkaConsumer<>(
              perQuery, new StringDeserializer(), new ByteArrayDeserializer());
        },
        eventTopics,
        eventJson,
        codec,
        clock,
        maxScannedRecords,
        java.time.Duration.ofMillis(timeBudget.toMilliseconds()),
        maxConcurrentQueries);
  }
}
