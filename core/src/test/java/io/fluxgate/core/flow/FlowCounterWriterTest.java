package io.fluxgate.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fluxgate.core.topic.PlatformTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer sends each changed subscription's cumulative total under its own key. */
class FlowCounterWriterTest {
  // Flushes only when a test asks, so that each test sees exactly its own sends.
  private static final Duration NEVER = Duration.ofDays(1);

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final FlowCounterWriter writer = new FlowCounterWriter(producer, "w-1", NEVER);

  @AfterEach
  void close() {
    writer.close();
  }

  private Map<String, FlowCounts> sent() throws IOException {
    Map<String, FlowCounts> latest = new LinkedHashMap<>();
    for (ProducerRecord<String, byte[]> record : producer.history()) {
      assertThat(record.topic()).isEqualTo(PlatformTopics.FLOW_COUNTERS);
      latest.put(record.key(), FlowCounterRecords.decode(record.value()));
    }
    return latest;
  }

  @Test
  void shouldWriteCumulativeTotalsPerSubscriptionUnderItsOwnKey() throws IOException {
    writer.record("sub-1", FlowCounts.rejected(1));
    writer.record("sub-1", FlowCounts.rejected(2));
    writer.record("sub-2", FlowCounts.droppedBeforeQueue(5));
    writer.flush();
    writer.record("sub-1", FlowCounts.droppedFromQueue(1));
    writer.flush();

    assertThat(sent())
        .containsEntry("sub-1/w-1", new FlowCounts(0, 1, 3))
        .containsEntry("sub-2/w-1", new FlowCounts(5, 0, 0))
        .hasSize(2);
  }

  @Test
  void shouldWriteOnlyWhatChangedSinceTheLastFlush() {
    writer.record("sub-1", FlowCounts.rejected(1));
    writer.record("sub-2", FlowCounts.rejected(1));
    writer.flush();
    writer.record("sub-2", FlowCounts.rejected(1));
    writer.flush();
    writer.flush();

    assertThat(producer.history())
        .extracting(ProducerRecord::key)
        .containsExactlyInAnyOrder("sub-1/w-1", "sub-2/w-1", "sub-2/w-1");
  }

  @Test
  void shouldWriteAgainWhatASendFailedToWrite() throws IOException {
    MockProducer<String, byte[]> failing =
        new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    try (FlowCounterWriter writer = new FlowCounterWriter(failing, "w-2", NEVER)) {
      writer.record("sub-1", FlowCounts.rejected(1));
      writer.flush();
      failing.errorNext(new TimeoutException("broker down"));
      assertThat(failing.history()).hasSize(1);

      writer.flush();
      failing.completeNext();

      assertThat(failing.history()).hasSize(2);
      assertThat(FlowCounterRecords.decode(failing.history().get(1).value()))
          .isEqualTo(FlowCounts.rejected(1));
    }
  }

  @Test
  void shouldFlushOnClose() throws IOException {
    writer.record("sub-1", FlowCounts.rejected(7));

    writer.close();

    assertThat(sent()).containsEntry("sub-1/w-1", FlowCounts.rejected(7));
  }

  @Test
  void shouldFlushByItselfEveryInterval() {
    MockProducer<String, byte[]> timed =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (FlowCounterWriter writer = new FlowCounterWriter(timed, "w-3", Duration.ofMillis(10))) {
      writer.record("sub-1", FlowCounts.rejected(1));

      await().atMost(Duration.ofSeconds(5)).until(() -> !timed.history().isEmpty());
    }
  }
}
