package io.fluxgate.gateway.core;

import static io.fluxgate.gateway.core.StreamFixtures.RENDERER;
import static io.fluxgate.gateway.core.StreamFixtures.SUBSCRIPTION;
import static io.fluxgate.gateway.core.StreamFixtures.TOPIC;
import static io.fluxgate.gateway.core.StreamFixtures.expiredRecord;
import static io.fluxgate.gateway.core.StreamFixtures.partition;
import static io.fluxgate.gateway.core.StreamFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxgate.core.subscription.Backpressure;
import io.fluxgate.core.subscription.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What one stream writes, commits and closes, on Kafka's in-memory consumer. */
class EventStreamTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final StreamPosition START = StreamPosition.parse("0:0,1:0,2:0");
  private static final Set<TopicPartition> ALL = Set.of(partition(0), partition(1), partition(2));

  private StreamFixtures.RecordingConsumer consumer;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, Long> drops = new ConcurrentHashMap<>();

  record Message(String event, String id, JsonNode data) {}

  @BeforeEach
  void setUp() {
    consumer = StreamFixtures.consumer();
    consumer.assign(ALL);
    ALL.forEach(p -> consumer.seek(p, 0));
  }

  private EventStream stream(BooleanSupplier subscribed, Duration heartbeat) {
    return stream(
        () -> subscribed.getAsBoolean() ? Optional.of(SUBSCRIPTION) : Optional.empty(),
        heartbeat,
        Duration.ofHours(1));
  }

  private EventStream stream(
      Supplier<Optional<Subscription>> current, Duration heartbeat, Duration commitInterval) {
    return new EventStream(
        consumer,
        TOPIC,
        SUBSCRIPTION.id(),
        START,
        RENDERER,
        current,
        (id, counts) -> drops.merge(id, counts.droppedFromQueue(), Long::sum),
        heartbeat,
        commitInterval,
        () -> assertThat(closed.getAndSet(true)).as("closed once").isFalse());
  }

  /** The subscription as seen at each check of the loop; then deleted. */
  @SafeVarargs
  private static Supplier<Optional<Subscription>> sequence(UnaryOperator<Subscription>... steps) {
    AtomicInteger checks = new AtomicInteger();
    return () -> {
      int check = checks.getAndIncrement();
      return check < steps.length
          ? Optional.of(steps[check].apply(SUBSCRIPTION))
          : Optional.empty();
    };
  }

  /** True for the first {@code n} checks: the loop runs {@code n} times. */
  private static BooleanSupplier iterations(int n) {
    AtomicInteger checks = new AtomicInteger();
    return () -> checks.incrementAndGet() <= n;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed() {
    return consumer.commits;
  }

  static List<Message> messages(String text) throws IOException {
    List<Message> messages = new ArrayList<>();
    String event = null;
    String id = null;
    StringBuilder data = null;
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          messages.add(new Message(event, id, MAPPER.readTree(data.toString())));
        }
        event = null;
        id = null;
        data = null;
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(line.substring(6));
      }
    }
    return messages;
  }

  @Test
  void shouldWriteEachEventWithThePositionAfterItAsItsIdAndCommitItAtTheEnd() throws Exception {
    consumer.addRecord(record(0, 0, "e1"));
    consumer.addRecord(record(0, 1, "e2"));
    consumer.addRecord(record(2, 0, "e3"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    stream(iterations(1), Duration.ofHours(1)).run(out);

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith(": subscription s1\n");
    List<Message> messages = messages(text);
    assertThat(messages).extracting(Message::event).containsOnly("event");
    assertThat(messages)
        .extracting(Message::id)
        .containsExactly("0:1,1:0,2:0", "0:2,1:0,2:0", "0:2,1:0,2:1");
    assertThat(messages)
        .extracting(m -> m.data().get("data").get("name").asText())
        .containsExactly("e1", "e2", "e3");
    JsonNode kafka = messages.get(2).data().get("kafka");
    assertThat(kafka.get("topic").asText()).isEqualTo(TOPIC);
    assertThat(kafka.get("partition").asInt()).isEqualTo(2);
    assertThat(kafka.get("offset").asLong()).isZero();
    assertThat(committed())
        .as("only the partitions the stream moved")
        .isEqualTo(
            Map.of(partition(0), new OffsetAndMetadata(2), partition(2), new OffsetAndMetadata(1)));
    assertThat(consumer.closed()).isTrue();
    assertThat(closed).isTrue();
  }

  @Test
  void shouldSkipAnExpiredEventButCountItInTheNextId() throws Exception {
    consumer.addRecord(record(1, 0, "e1"));
    consumer.addRecord(expiredRecord(1, 1, "gone"));
    consumer.addRecord(record(1, 2, "e3"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    stream(iterations(1), Duration.ofHours(1)).run(out);

    List<Message> messages = messages(out.toString(StandardCharsets.UTF_8));
    assertThat(messages)
        .extracting(m -> m.data().get("data").get("name").asText())
        .containsExactly("e1", "e3");
    assertThat(messages).extracting(Message::id).containsExactly("0:0,1:1,2:0", "0:0,1:3,2:0");
    assertThat(committed()).isEqualTo(Map.of(partition(1), new OffsetAndMetadata(3)));
  }

  @Test
  void shouldSendNothingWhilePausedAndContinueWhereItStoodOnResume() throws Exception {
    consumer.addRecord(record(0, 0, "e1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    List<String> whenResumed = new ArrayList<>();
    UnaryOperator<Subscription> resumed =
        s -> {
          whenResumed.add(out.toString(StandardCharsets.UTF_8));
          return s;
        };

    stream(sequence(paused(), paused(), resumed), Duration.ofHours(1), Duration.ofHours(1))
        .run(out);

    assertThat(whenResumed)
        .as("written during two paused rounds")
        .containsExactly(": subscription s1\n: paused\n");
    assertThat(messages(out.toString(StandardCharsets.UTF_8)))
        .extracting(m -> m.data().get("data").get("name").asText())
        .containsExactly("e1");
    assertThat(committed()).isEqualTo(Map.of(partition(0), new OffsetAndMetadata(1)));
  }

  @Test
  void shouldSkipTheOldestEventsPastTheBoundOfADropOldestSubscription() throws Exception {
    // Ten events on partition 0; the stream has fetched two when it looks at its queue.
    consumer.addRecord(record(0, 0, "e0"));
    consumer.addRecord(record(0, 1, "e1"));
    consumer.updateEndOffsets(Map.of(partition(0), 10L));
    UnaryOperator<Subscription> bounded = s -> withQueueBound(s, Backpressure.DROP_OLDEST, 2);
    UnaryOperator<Subscription> thenTheNewestArrive =
        s -> {
          consumer.addRecord(record(0, 8, "e8"));
          consumer.addRecord(record(0, 9, "e9"));
          return withQueueBound(s, Backpressure.DROP_OLDEST, 2);
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    stream(sequence(bounded, thenTheNewestArrive), Duration.ofHours(1), Duration.ofNanos(1))
        .run(out);

    assertThat(messages(out.toString(StandardCharsets.UTF_8)))
        .extracting(m -> m.data().get("data").get("name").asText())
        .containsExactly("e0", "e1", "e8", "e9");
    assertThat(drops).containsExactly(Map.entry(SUBSCRIPTION.id(), 6L));
    assertThat(committed()).isEqualTo(Map.of(partition(0), new OffsetAndMetadata(10)));
  }

  @Test
  void shouldSkipNothingForOtherPolicies() throws Exception {
    consumer.addRecord(record(0, 0, "e0"));
    consumer.updateEndOffsets(Map.of(partition(0), 10L));
    UnaryOperator<Subscription> blocking = s -> withQueueBound(s, Backpressure.BLOCK, 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    stream(sequence(blocking, blocking), Duration.ofHours(1), Duration.ofNanos(1)).run(out);

    assertThat(drops).isEmpty();
    assertThat(committed()).isEqualTo(Map.of(partition(0), new OffsetAndMetadata(1)));
  }

  private static UnaryOperator<Subscription> paused() {
    return s -> s.withPaused(true);
  }

  private static Subscription withQueueBound(Subscription s, Backpressure policy, int max) {
    return new Subscription(
        s.id(),
        s.name(),
        s.patterns(),
        s.start(),
        s.startOffsets(),
        s.createdAt(),
        s.filter(),
        false,
        policy,
        max,
        null);
  }

  @Test
  void shouldSendAHeartbeatWhenIdle() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BooleanSupplier untilHeartbeat =
        () -> !out.toString(StandardCharsets.UTF_8).contains(": heartbeat\n");

    stream(untilHeartbeat, Duration.ofMillis(20)).run(out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(": subscription s1\n: heartbeat\n");
    assertThat(committed()).as("nothing delivered, nothing committed").isEmpty();
  }

  @Test
  void shouldCommitOnlyWhatWasFlushedWhenTheClientGoesAway() throws Exception {
    // Poll 1 finds e1, poll 2 finds e2; the flush after e2 fails as on a closed connection.
    consumer.schedulePollTask(() -> consumer.addRecord(record(0, 0, "e1")));
    consumer.schedulePollTask(() -> consumer.addRecord(record(0, 1, "e2")));
    AtomicInteger flushes = new AtomicInteger();
    OutputStream out =
        new ByteArrayOutputStream() {
          @Override
          public void flush() throws IOException {
            if (flushes.incrementAndGet() == 3) {
              throw new IOException("Broken pipe");
            }
          }
        };

    stream(() -> true, Duration.ofHours(1)).run(out);

    assertThat(flushes).hasValue(3);
    assertThat(committed()).isEqualTo(Map.of(partition(0), new OffsetAndMetadata(1)));
    assertThat(consumer.closed()).isTrue();
    assertThat(closed).isTrue();
  }

  @Test
  void shouldEndWhenTheSubscriptionIsDeleted() throws Exception {
    consumer.addRecord(record(0, 0, "e1"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    stream(iterations(0), Duration.ofHours(1)).run(out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(": subscription s1\n");
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldEndARunningStreamOnStopAndCommitWhatItDelivered() throws Exception {
    consumer.addRecord(record(0, 0, "e1"));
    EventStream stream = stream(() -> true, Duration.ofMillis(10));
    ByteArrayOutputStream out = new SynchronizedOutput();
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            () -> {
              try {
                stream.run(out);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    await().until(() -> out.toString(StandardCharsets.UTF_8).contains(": heartbeat"));

    stream.stop();

    running.get(10, TimeUnit.SECONDS);
    assertThat(committed()).isEqualTo(Map.of(partition(0), new OffsetAndMetadata(1)));
    assertThat(closed).isTrue();
  }

  @Test
  void shouldCloseAStreamStoppedBeforeItRanAndNotRunIt() throws Exception {
    EventStream stream = stream(() -> true, Duration.ofHours(1));

    stream.stop();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    stream.run(out);

    assertThat(out.size()).isZero();
    assertThat(consumer.closed()).isTrue();
    assertThat(closed).isTrue();
  }

  /** Written by the stream's thread, read by the test's. */
  private static final class SynchronizedOutput extends ByteArrayOutputStream {
    @Override
    public synchronized void write(byte[] b, int off, int len) {
      super.write(b, off, len);
    }

    @Override
    public synchronized String toString(java.nio.charset.Charset charset) {
      return super.toString(charset);
    }
  }
}
