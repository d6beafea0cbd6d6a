package io.fluxgate.schemas.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fluxgate.schemas.registry.store.RegistryLog.Entry;
import io.fluxgate.schemas.registry.store.RegistryLog.Proposal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryLogWriterTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<MockProducer<byte[], byte[]>> producers = new CopyOnWriteArrayList<>();
  private final List<String> readSideCalls = new CopyOnWriteArrayList<>();
  private RegistryLogWriter writer = writer(TIMEOUT);

  @AfterEach
  void close() {
    writer.close();
  }

  @Test
  void shouldTakeTheLockThenCatchUpThenDecideThenWaitForItsOwnRecords() {
    List<String> callsBeforeDeciding = new CopyOnWriteArrayList<>();

    String result =
        writer.append(
            () -> {
              callsBeforeDeciding.addAll(readSideCalls);
              return decided("done", entry("a"), entry("b"));
            });

    assertThat(result).isEqualTo("done");
    assertThat(callsBeforeDeciding).containsExactly("caught up");
    assertThat(producer(0).transactionCommitted()).isTrue();
    assertThat(producer(0).history()).extracting(r -> text(r.key())).containsExactly("a", "b");
    assertThat(readSideCalls).containsExactly("caught up", "position 2");
  }

  @Test
  void shouldKeepTheLockForTheNextAppend() {
    writer.append(() -> decided("first", entry("a")));
    writer.append(() -> decided("second", entry("b")));

    assertThat(producers).hasSize(1);
    assertThat(producer(0).commitCount()).isEqualTo(2);
  }

  @Test
  void shouldDecideAgainWithANewProducerWhenAnotherInstanceTookTheLock() {
    AtomicInteger decisions = new AtomicInteger();

    String result =
        writer.append(
            () -> {
              if (decisions.incrementAndGet() == 1) {
                producer(0).fenceProducer();
              }
              return decided("decision " + decisions.get(), entry("a"));
            });

    assertThat(result).isEqualTo("decision 2");
    assertThat(producers).hasSize(2);
    assertThat(producer(0).closed()).isTrue();
    assertThat(producer(0).history()).isEmpty();
    assertThat(producer(1).history()).extracting(r -> text(r.key())).containsExactly("a");
    assertThat(readSideCalls).containsExactly("caught up", "caught up", "position 1");
  }

  @Test
  void shouldDecideAgainWhenTheCommitFindsItsTransactionAbortedByAFence() {
    AtomicInteger decisions = new AtomicInteger();

    writer.append(
        () -> {
          if (decisions.incrementAndGet() == 1) {
            producer(0).commitTransactionException =
                new KafkaException(new InvalidTxnStateException("aborted by a fence"));
          }
          return decided("done", entry("a"));
        });

    assertThat(decisions).hasValue(2);
    assertThat(producer(1).transactionCommitted()).isTrue();
  }

  @Test
  void shouldGiveUpWithATimeoutWhenOthersKeepTakingTheLock() {
    writer = writer(Duration.ofMillis(200));
    AtomicInteger decisions = new AtomicInteger();

    RegistryLogException failure =
        catchThrowableOfType(
            RegistryLogException.class,
            () ->
                writer.append(
                    () -> {
                      decisions.incrementAndGet();
                      producers.get(producers.size() - 1).fenceProducer();
                      return decided("never", entry("a"));
                    }));

    assertThat(failure.timedOut()).isTrue();
    assertThat(failure).hasMessageContaining("other registry instances kept writing");
    assertThat(failure.getCause()).isInstanceOf(ProducerFencedException.class);
    assertThat(decisions.get()).isBetween(2, RegistryLogWriter.MAX_ATTEMPTS);
    assertThat(producers).allMatch(MockProducer::closed);
  }

  @Test
  void shouldAbortAndFailOnAPermanentErrorAndTakeTheLockAfresh() {
    RegistryLogException failure =
        catchThrowableOfType(
            RegistryLogException.class,
            () ->
                writer.append(
                    () -> {
                      producer(0).commitTransactionException =
                          new TopicAuthorizationException("not allowed to write");
                      return decided("lost", entry("a"));
                    }));

    assertThat(failure.timedOut()).isFalse();
    assertThat(failure).hasMessageContaining("not allowed to write");
    assertThat(producer(0).transactionAborted()).isTrue();
    assertThat(producer(0).closed()).isTrue();
    assertThat(writer.append(() -> decided("kept", entry("b")))).isEqualTo("kept");
    assertThat(producer(1).transactionCommitted()).isTrue();
  }

  @Test
  void shouldDecideAgainWithAFreshProducerWhenTheCommitOutcomeIsUnknown() {
    AtomicInteger decisions = new AtomicInteger();

    String result =
        writer.append(
            () -> {
              if (decisions.incrementAndGet() == 1) {
                producer(0).commitTransactionException =
                    new KafkaException(
                        "Unhandled error in EndTxnResponse: The server experienced an"
                            + " unexpected error when processing the request.");
              }
              return decided("decision " + decisions.get(), entry("a"));
            });

    assertThat(result).isEqualTo("decision 2");
    assertThat(producer(0).closed()).as("the failed producer is replaced").isTrue();
    assertThat(producer(1).transactionCommitted()).isTrue();
  }

  @Test
  void shouldNotAbortACommitWithoutAnswerButDecideAgainAfterTheLockIsRetaken() {
    AtomicInteger decisions = new AtomicInteger();

    String result =
        writer.append(
            () -> {
              if (decisions.incrementAndGet() == 1) {
                producer(0).commitTransactionException = new TimeoutException("no answer");
              }
              return decided("decision " + decisions.get(), entry("a"));
            });

    assertThat(result).isEqualTo("decision 2");
    assertThat(producer(0).transactionAborted()).isFalse();
    assertThat(producer(0).closed()).isTrue();
    assertThat(producer(1).transactionCommitted()).isTrue();
  }

  @Test
  void shouldFailWhenTheLockCannotBeTaken() {
    writer =
        new RegistryLogWriter(
            "registry",
            0,
            () -> {
              MockProducer<byte[], byte[]> producer = newProducer();
              producer.initTransactionException = new KafkaException("not authorised");
              return producer;
            },
            new RecordingReadSide(),
            TIMEOUT);

    RegistryLogException failure =
        catchThrowableOfType(
            RegistryLogException.class, () -> writer.append(() -> decided("x", entry("a"))));

    assertThat(failure.timedOut()).isFalse();
    assertThat(failure).hasMessageContaining("write lock").hasMessageContaining("not authorised");
    assertThat(producer(0).closed()).isTrue();
  }

  @Test
  void shouldAppendNothingForAProposalWithoutEntries() {
    assertThat(writer.append(() -> new Proposal<>(List.of(), "unchanged"))).isEqualTo("unchanged");

    assertThat(producer(0).history()).isEmpty();
    assertThat(producer(0).transactionInFlight()).isFalse();
    assertThat(readSideCalls).containsExactly("caught up");
  }

  @Test
  void shouldPassTheDecisionsOwnFailureOnAndKeepTheLock() {
    IllegalStateException refusal = new IllegalStateException("incompatible");

    assertThatThrownBy(
            () ->
                writer.append(
                    () -> {
                      throw refusal;
                    }))
        .isSameAs(refusal);
    writer.append(() -> decided("next", entry("a")));

    assertThat(producers).hasSize(1);
    assertThat(producer(0).history()).hasSize(1);
  }

  @Test
  void shouldRefuseAnEntryWithoutKeyBeforeWritingAnything() {
    assertThatThrownBy(() -> writer.append(() -> decided("x", entry("a"), new Entry(null, null))))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("key");

    assertThat(producer(0).history()).isEmpty();
    assertThat(producer(0).transactionInFlight()).isFalse();
  }

  @Test
  void shouldGiveUpWaitingForItsTurnWithinTheTimeout() throws Exception {
    writer = writer(Duration.ofMillis(150));
    CountDownLatch deciding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Future<String> first =
          other.submit(
              () ->
                  writer.append(
                      () -> {
                        deciding.countDown();
                        await(release);
                        return new Proposal<>(List.of(), "first");
                      }));
      assertThat(deciding.await(5, TimeUnit.SECONDS)).isTrue();

      RegistryLogException failure =
          catchThrowableOfType(
              RegistryLogException.class, () -> writer.append(() -> decided("second")));

      assertThat(failure.timedOut()).isTrue();
      assertThat(failure).hasMessageContaining("other appends on this instance");
      release.countDown();
      assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    } finally {
      release.countDown();
      other.shutdownNow();
    }
  }

  @Test
  void shouldRefuseToAppendOnceClosed() {
    writer.append(() -> decided("open", entry("a")));
    writer.close();
    writer.close();

    assertThatThrownBy(() -> writer.append(() -> decided("closed", entry("b"))))
        .isInstanceOf(RegistryLogException.class)
        .hasMessageContaining("closed");
    assertThat(producer(0).closed()).isTrue();
  }

  private RegistryLogWriter writer(Duration timeout) {
    return new RegistryLogWriter(
        "registry", 0, this::newProducer, new RecordingReadSide(), timeout);
  }

  private MockProducer<byte[], byte[]> newProducer() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    producers.add(producer);
    return producer;
  }

  private MockProducer<byte[], byte[]> producer(int index) {
    return producers.get(index);
  }

  /** Logs what the writer waits for; catching up before taking the lock would be useless. */
  private final class RecordingReadSide implements RegistryLogWriter.ReadSide {
    @Override
    public void awaitCaughtUp(long deadlineNanos) {
      boolean lockTaken = producers.get(producers.size() - 1).transactionInitialized();
      readSideCalls.add(lockTaken ? "caught up" : "caught up without the lock");
    }

    @Override
    public void awaitPosition(long offset, long deadlineNanos) {
      readSideCalls.add("position " + offset);
    }
  }

  private static Proposal<String> decided(String result, Entry... entries) {
    return new Proposal<>(List.of(entries), result);
  }

  private static Entry entry(String key) {
    return new Entry(
        key.getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
