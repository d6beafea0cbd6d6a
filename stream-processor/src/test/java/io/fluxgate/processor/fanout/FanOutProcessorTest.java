package io.fluxgate.processor.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxgate.core.subscription.StartPosition;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.subscription.SubscriptionCodec;
import io.fluxgate.core.topic.PlatformTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A task that (re)starts on partitions whose events were all routed before: the history of a new
 * subscription reaches it by punctuation alone, up to where the live path resumes.
 */
class FanOutProcessorTest {
  private static final String EVENTS = "events";
  private static final String PAYMENTS = "payments";
  private static final TopicPartition EVENTS_0 = new TopicPartition(EVENTS, 0);
  private static final Instant NOW = Instant.parse("2025-07-25T10:30:00Z");

  private final List<Set<TopicPartition>> lookups = new ArrayList<>();
  private final Set<TopicPartition> readFrom = new HashSet<>();
  private TopologyTestDriver driver;

  @BeforeEach
  void startDriver() {
    CatchUpConfig catchUp =
        new CatchUpConfig(
            (appConfigs, clientId) -> new History(),
            (appConfigs, clientId) ->
                partitions -> {
                  lookups.add(partitions);
                  // The live path had processed events-0 up to offset 3 before the restart.
                  return Map.of(EVENTS_0, 3L);
                },
            CatchUpConfig.DEFAULT_MAX_RECORDS_PER_STEP,
            CatchUpConfig.DEFAULT_MAX_BYTES_PER_STEP,
            CatchUpConfig.DEFAULT_MAX_STEP_TIME,
            CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-restart-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    driver =
        new TopologyTestDriver(
            FanOutTopology.buildTopology(
                List.of(EVENTS, PAYMENTS), new SubscriptionRoutes(), new FanOutMetrics(), catchUp),
            props,
            NOW);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void shouldCatchUpTheTaskPartitionsByPunctuationWithoutLiveRecords() {
    Subscription history =
        new Subscription(
            "history", null, List.of("agent.*"), StartPosition.EARLIEST, Map.of(), NOW);
    driver
        .createInputTopic(
            PlatformTopics.SUBSCRIPTIONS, new StringSerializer(), new ByteArraySerializer())
        .pipeInput(history.id(), SubscriptionCodec.encode(history));

    driver.advanceWallClockTime(CatchUpConfig.DEFAULT_PUNCTUATION_INTERVAL);

    List<String> values =
        driver
            .createOutputTopic(
                PlatformTopics.subscriptionTopic("history"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())
            .readValuesToList()
            .stream()
            .map(value -> new String(value, StandardCharsets.UTF_8))
            .toList();
    assertThat(values).containsExactly("e0", "e1", "e2");
    assertThat(lookups).containsExactly(Set.of(EVENTS_0, new TopicPartition(PAYMENTS, 0)));
    assertThat(readFrom).containsExactly(EVENTS_0);
  }

  /** Five events on events-0; the last two were published after the restart, not yet routed. */
  private final class History implements CatchUpReader {
    @Override
    public Batch read(
        TopicPartition partition, long from, long until, int maxRecords, Duration maxTime) {
      readFrom.add(partition);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long end = partition.equals(EVENTS_0) ? Math.min(until, 5) : from;
      for (long offset = from; offset < end; offset++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(PlatformTopics.EVENT_TYPE_HEADER, utf8("agent.started"));
        records.add(
            new ConsumerRecord<>(
                EVENTS,
                0,
                offset,
                NOW.toEpochMilli(),
                TimestampType.CREATE_TIME,
                -1,
                -1,
                utf8("k" + offset),
                utf8("e" + offset),
                headers,
                Optional.empty()));
      }
      return new Batch(records, Math.max(from, end));
    }

    @Override
    public void close() {}
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
