package io.fluxgate.gateway.core.replay;

import io.fluxgate.core.event.EventCodec;
import io.fluxgate.core.filter.EventFilter;
import io.fluxgate.core.filter.EventFilterCompiler;
import io.fluxgate.core.filter.FilterVariables;
import io.fluxgate.core.glob.GlobPattern;
import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.core.topic.PlatformTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay: copies the records of the event topics between the offsets of {@code from} and
 * {@code to} that match the subscription (its patterns on the {@code fluxgate.event_type} header
 * first; the value is decoded only for a filter) into the subscription's topic, with the same key,
 * value and headers plus {@link PlatformTopics#REPLAY_HEADER} (and {@link
 * PlatformTopics#SUBSCRIPTION_HEADER}, as the fan-out sets it). It reads committed records only and
 * works in steps of one poll: each step's writes are acknowledged (acks=all, idempotent producer)
 * before its progress is stored, so a stored position never runs ahead of what was copied.
 *
 * <p>Between steps it stops on a cancellation, on the gateway's shutdown and when the subscription
 * is gone; each ends the job with a final state and reason, never a hang.
 */
final class ReplayCopier {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayCopier.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final Collection<String> eventTopics;
  private final EventCodec codec;
  private final ReplayRepository replays;
  private final Predicate<String> subscriptionExists;
  private final BooleanSupplier stopping;
  private final Clock clock;

  ReplayCopier(
      Consumer<String, byte[]> consumer,
      Producer<String, byte[]> producer,
      Collection<String> eventTopics,
      EventCodec codec,
      ReplayRepository replays,
      Predicate<String> subscriptionExists,
      BooleanSupplier stopping,
      Clock clock) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.producer = Objects.requireNonNull(producer, "producer");
    this.eventTopics = List.copyOf(eventTopics);
    this.codec = Objects.requireNonNull(codec, "codec");
    this.replays = Objects.requireNonNull(replays, "replays");
    this.subscriptionExists = Objects.requireNonNull(subscriptionExists, "subscriptionExists");
    this.stopping = Objects.requireNonNull(stopping, "stopping");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs the job to its end and returns its final state, as stored. */
  ReplayJob run(ReplayJob accepted, Subscription subscription, ReplayRange range) {
    ReplayJob job = accepted;
    ReplayProgress progress = null;
    try {
      List<GlobPattern> patterns =
          subscription.patterns().stream().map(GlobPattern::compile).toList();
      EventFilter filter =
          subscription.filter() == null ? null : EventFilterCompiler.compile(subscription.filter());
      progress = ReplayProgress.plan(consumer, eventTopics, range, METADATA_TIMEOUT);
      job = checkpoint(job, progress);
      consumer.assign(progress.open());
      for (TopicPartition tp : progress.open()) {
        consumer.seek(tp, progress.position(tp));
      }
      long lastAdvance = System.nanoTime();
      while (!progress.isDone()) {
        String stop = stopReason(job);
        if (stop != null) {
          return end(job, progress, stopState(job), stop);
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        List<Future<RecordMetadata>> writes = new ArrayList<>();
        long now = clock.millis();
        for (ConsumerRecord<String, byte[]> record : records) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= progress.end(tp)) {
            continue;
          }
          progress.scanned++;
          if (matches(record, patterns, filter, range, now)) {
            writes.add(producer.send(copy(record, subscription, job.replayId())));
          }
        }
        producer.flush();
        for (Future<RecordMetadata> write : writes) {
          write.get();
        }
        progress.copied += writes.size();
        if (progress.advance(consumer)) {
          lastAdvance = System.nanoTime();
          job = checkpoint(job, progress);
        } else if (System.nanoTime() - lastAdvance > STALL_TIMEOUT.toNanos()) {
          return end(job, progress, ReplayJob.State.FAILED, "no progress reading the event topics");
        }
      }
      if (replays.cancelRequested(job.replayId())) {
        return end(job, progress, ReplayJob.State.CANCELLED, CANCELLED);
      }
      if (!subscriptionExists.test(job.subscriptionId())) {
        return end(job, progress, ReplayJob.State.FAILED, gone(job));
      }
      return end(job, progress, ReplayJob.State.COMPLETED, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return end(job, progress, ReplayJob.State.FAILED, STOPPED);
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      String reason =
          subscriptionExists.test(job.subscriptionId()) ? "copying failed: " + cause : gone(job);
      LOG.warn("Replay {} failed: {}", job.replayId(), reason);
      return end(job, progress, ReplayJob.State.FAILED, reason);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  static final String STOPPED =
      "the gateway instance running the replay stopped; start a new replay for the rest";
  static final String CANCELLED = "cancelled on request";

  private String stopReason(ReplayJob job) {
    if (replays.cancelRequested(job.replayId())) {
      return CANCELLED;
    }
    if (stopping.getAsBoolean()) {
      return STOPPED;
    }
    if (!subscriptionExists.test(job.subscriptionId())) {
      return gone(job);
    }
    return null;
  }

  private ReplayJob.State stopState(ReplayJob job) {
    return replays.cancelRequested(job.replayId())
        ? ReplayJob.State.CANCELLED
        : ReplayJob.State.FAILED;
  }

  private static String gone(ReplayJob job) {
    return "subscription '" + job.subscriptionId() + "' was deleted during the replay";
  }

  private ReplayJob checkpoint(ReplayJob job, ReplayProgress progress) {
    ReplayJob next =
        job.progressed(progress.snapshot(), progress.copied, progress.scanned, clock.instant());
    replays.put(next);
    return next;
  }

  private ReplayJob end(
      ReplayJob job, ReplayProgress progress, ReplayJob.State state, String reason) {
    ReplayJob last =
        progress == null
            ? job
            : job.progressed(
                progress.snapshot(), progress.copied, progress.scanned, clock.instant());
    ReplayJob ended = last.ended(state, reason, clock.instant());
    try {
      replays.put(ended);
    } catch (RuntimeException e) {
      LOG.warn("Could not store the end of replay {}: {}", job.replayId(), e.toString());
    }
    LOG.info(
        "Replay {} of subscription {} ended {}: {} copied of {} scanned{}",
        job.replayId(),
        job.subscriptionId(),
        state.json(),
        ended.copied(),
        ended.scanned(),
        reason == null ? "" : " (" + reason + ")");
    return ended;
  }

  private boolean matches(
      ConsumerRecord<String, byte[]> record,
      List<GlobPattern> patterns,
      EventFilter filter,
      ReplayRange range,
      long nowMs) {
    Header type = record.headers().lastHeader(PlatformTopics.EVENT_TYPE_HEADER);
    if (type == null || type.value() == null || record.value() == null) {
      return false;
    }
    String eventType = new String(type.value(), StandardCharsets.UTF_8);
    if (patterns.stream().noneMatch(p -> p.matches(eventType))
        || isExpired(record, nowMs)
        // Timestamps out of order within a partition: the offsets bound the range only roughly.
        || (range.from() != null && record.timestamp() < range.from().toEpochMilli())
        || record.timestamp() >= range.to().toEpochMilli()) {
      return false;
    }
    if (filter == null) {
      return true;
    }
    try {
      return filter.evaluate(FilterVariables.of(codec.decode(record.value()))).matched();
    } catch (RuntimeException e) {
      LOG.warn(
          "Replay skips undecodable record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return false;
    }
  }

  private static ProducerRecord<String, byte[]> copy(
      ConsumerRecord<String, byte[]> record, Subscription subscription, String replayId) {
    RecordHeaders headers = new RecordHeaders();
    for (Header header : record.headers()) {
      if (!header.key().equals(PlatformTopics.REPLAY_HEADER)
          && !header.key().equals(PlatformTopics.SUBSCRIPTION_HEADER)) {
        headers.add(header);
      }
    }
    // As the fan-out does for what it routes.
    headers.add(
        PlatformTopics.SUBSCRIPTION_HEADER, subscription.id().getBytes(StandardCharsets.UTF_8));
    headers.add(PlatformTopics.REPLAY_HEADER, replayId.getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(
        subscription.topic(), null, record.timestamp(), record.key(), record.value(), headers);
  }

  private static boolean isExpired(ConsumerRecord<String, byte[]> record, long nowMs) {
    Header header = record.headers().lastHeader(PlatformTopics.EXPIRES_AT_HEADER);
    return header != null
        && header.value() != null
        && header.value().length == Long.BYTES
        && ByteBuffer.wrap(header.value()).getLong() <= nowMs;
  }
}
