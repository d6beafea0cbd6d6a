package io.fluxgate.gateway.resources;

import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.CreateTopicsResult.TopicMetadataAndConfig;
import org.apache.kafka.clients.admin.DeleteTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * An {@link Admin} that answers {@code createTopics} (recording the names), either successfully or
 * with {@code failure}, {@code deleteTopics} (recording the names), {@code listOffsets} (every
 * partition led, at offset 0), and {@code describeTopics} as if no event topic existed yet, or with
 * {@code describeFailure}; any other call is refused.
 */
final class TopicCreatingAdmin {
  private final List<String> created = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private final List<TopicPartition> leadersAwaited = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;
  private volatile RuntimeException describeFailure;
  private final Admin admin =
      (Admin)
          Proxy.newProxyInstance(
              Admin.class.getClassLoader(),
              new Class<?>[] {Admin.class},
              (proxy, method, args) -> {
                if (method.getName().equals("createTopics")) {
                  @SuppressWarnings("unchecked")
                  Collection<NewTopic> topics = (Collection<NewTopic>) args[0];
                  return createTopics(topics);
                }
                if (method.getName().equals("describeTopics")) {
                  @SuppressWarnings("unchecked")
                  Collection<String> names = (Collection<String>) args[0];
                  return describeTopics(names);
                }
                if (method.getName().equals("listOffsets")) {
                  @SuppressWarnings("unchecked")
                  Map<TopicPartition, ?> partitions = (Map<TopicPartition, ?>) args[0];
                  return listOffsets(partitions.keySet());
                }
                if (method.getName().equals("deleteTopics")) {
                  @SuppressWarnings("unchecked")
                  Collection<String> names = (Collection<String>) args[0];
                  deleted.addAll(names);
                  return new DeleteTopicsResult(null, completed(names)) {};
                }
                if (method.getDeclaringClass() == Object.class) {
                  return method.getName().equals("equals")
                      ? proxy == args[0]
                      : method.getName().equals("hashCode")
                          ? System.identityHashCode(proxy)
                          : "TopicCreatingAdmin";
                }
                throw new UnsupportedOperationException(method.getName() + " is not expected");
              });

  Admin admin() {
    return admin;
  }

  List<String> created() {
    return List.copyOf(created);
  }

  List<String> deleted() {
    return List.copyOf(deleted);
  }

  /** The partitions whose leaders were awaited (a ListOffsets after their creation). */
  List<TopicPartition> leadersAwaited() {
    return List.copyOf(leadersAwaited);
  }

  /** Makes every later describe of the event topics fail with {@code failure}. */
  void failDescribeWith(RuntimeException failure) {
    this.describeFailure = failure;
  }

  /** Makes every later topic creation fail with {@code failure} (null: succeed again). */
  void failWith(RuntimeException failure) {
    this.failure = failure;
  }

  void reset() {
    created.clear();
    deleted.clear();
    leadersAwaited.clear();
    failure = null;
    describeFailure = null;
  }

  private static Map<String, KafkaFuture<Void>> completed(Collection<String> names) {
    Map<String, KafkaFuture<Void>> results = new LinkedHashMap<>();
    names.forEach(name -> results.put(name, KafkaFuture.completedFuture(null)));
    return results;
  }

  /** Every partition answers at once, at offset 0, as a partition with a leader does. */
  private ListOffsetsResult listOffsets(Collection<TopicPartition> partitions) {
    Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> results = new LinkedHashMap<>();
    for (TopicPartition partition : partitions) {
      leadersAwaited.add(partition);
      results.put(
          partition,
          KafkaFuture.completedFuture(new ListOffsetsResultInfo(0, -1, Optional.empty())));
    }
    return new ListOffsetsResult(results);
  }

  private DescribeTopicsResult describeTopics(Collection<String> names) {
    Map<String, KafkaFuture<TopicDescription>> results = new LinkedHashMap<>();
    for (String name : names) {
      KafkaFutureImpl<TopicDescription> result = new KafkaFutureImpl<>();
      result.completeExceptionally(
          describeFailure != null ? describeFailure : new UnknownTopicOrPartitionException(name));
      results.put(name, result);
    }
    return new DescribeTopicsResult(null, results) {};
  }

  private CreateTopicsResult createTopics(Collection<NewTopic> topics) {
    Map<String, KafkaFuture<TopicMetadataAndConfig>> results = new LinkedHashMap<>();
    for (NewTopic topic : topics) {
      KafkaFutureImpl<TopicMetadataAndConfig> result = new KafkaFutureImpl<>();
      if (failure == null) {
        created.add(topic.name());
        result.complete(null);
      } else {
        result.completeExceptionally(failure);
      }
      results.put(topic.name(), result);
    }
    return new CreateTopicsResult(results) {};
  }
}
