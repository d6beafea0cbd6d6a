package io.fluxgate.gateway.core;

import io.fluxgate.core.subscription.Subscription;
import io.fluxgate.gateway.api.SeekResult;
import io.fluxgate.gateway.errors.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a subscription's delivery position: the committed offsets of its consumer group on its
 * topic, written with {@link Admin#alterConsumerGroupOffsets}. The gateway's long poll reads with
 * {@code assign} and never joins the group, so the group has no members and the write is accepted
 * at any time; every poll starts from the committed offsets, so the next poll on any instance
 * starts at the new position. A poll already in flight does not commit over the seek: {@link
 * SubscriptionReader} commits a batch only if the group's offsets are still those it started from.
 *
 * <pre>{@code
 * SeekResult result = seeker.seek(subscription, SeekTarget.parse("earliest"));
 * }</pre>
 */
public final class SubscriptionSeeker {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSeeker.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;

  public SubscriptionSeeker(Admin admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /**
   * Parses {@code to} and moves the subscription there; returns the new position per partition.
   *
   * @throws ApiException 400 for a bad {@code to}, 409 when a Kafka client holds the group, 503
   *     when Kafka does not answer
   */
  public SeekResult seek(Subscription subscription, String to) {
    SeekTarget target = SeekTarget.parse(to);
    try {
      Map<TopicPartition, Long> offsets = targetOffsets(subscription.topic(), target);
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
      await(admin.alterConsumerGroupOffsets(subscription.consumerGroup(), commit).all());
      List<SeekResult.Position> positions = new ArrayList<>();
      offsets.forEach(
          (tp, offset) ->
              positions.add(new SeekResult.Position(tp.topic(), tp.partition(), offset)));
      positions.sort(Comparator.comparingInt(SeekResult.Position::partition));
      LOG.info("Subscription {} moved to {}: {}", subscription.id(), to, offsets);
      return new SeekResult(subscription.id(), to, positions);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException || hasMembers(subscription)) {
        throw new ApiException(
            409,
            "subscription_in_use",
            "a Kafka client is a member of the consumer group '"
                + subscription.consumerGroup()
                + "': stop it before seeking");
      }
      LOG.warn("Could not seek subscription {}: {}", subscription.id(), e.getCause().toString());
      throw ApiException.unavailable("Kafka is unavailable: " + e.getCause().getMessage(), 1);
    } catch (TimeoutException e) {
      throw ApiException.unavailable("Kafka did not answer in time", 1);
    }
  }

  /**
   * Whether a Kafka client subscribed with the group: the broker then refuses the new offsets, with
   * an error that differs between group protocols, so ask the group itself.
   */
  private boolean hasMembers(Subscription subscription) {
    try {
      return !await(admin.describeConsumerGroups(List.of(subscription.consumerGroup())).all())
          .get(subscription.consumerGroup())
          .members()
          .isEmpty();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      return false;
    }
  }

  private Map<TopicPartition, Long> targetOffsets(String topic, SeekTarget target)
      throws ExecutionException, TimeoutException {
    TopicDescription described =
        await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    OffsetSpec spec;
    if (target instanceof SeekTarget.AtTime at) {
      spec = OffsetSpec.forTimestamp(at.time().toEpochMilli());
    } else if (target instanceof SeekTarget.Latest) {
      spec = OffsetSpec.latest();
    } else {
      spec = OffsetSpec.earliest();
    }
    described
        .partitions()
        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), spec));
    Map<TopicPartition, Long> offsets = new HashMap<>(list(request));
    // No record at or after the time: that partition goes to its end.
    Map<TopicPartition, OffsetSpec> pastTheEnd = new HashMap<>();
    offsets.forEach(
        (tp, offset) -> {
          if (offset < 0) {
            pastTheEnd.put(tp, OffsetSpec.latest());
          }
        });
    if (!pastTheEnd.isEmpty()) {
      offsets.putAll(list(pastTheEnd));
    }
    return offsets;
  }

  private Map<TopicPartition, Long> list(Map<TopicPartition, OffsetSpec> request)
      throws ExecutionException, TimeoutException {
    Map<TopicPartition, ListOffsetsResultInfo> listed =
        await(
            admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                .all());
    Map<TopicPartition, Long> offsets = new HashMap<>();
    listed.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  private static <T> T await(KafkaFuture<T> future) throws ExecutionException, TimeoutException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while seeking", 1);
    }
  }
}
