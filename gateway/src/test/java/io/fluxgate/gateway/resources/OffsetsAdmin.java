package io.fluxgate.gateway.resources;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.internals.CoordinatorKey;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * An {@link Admin} that answers the reads of subscription stats from offsets a test sets: the
 * subscription topic's log start and end offsets and the group's committed offsets. A read can be
 * made to fail, or never to answer; any other call is refused.
 */
final class OffsetsAdmin {
  private static final Node NODE = new Node(0, "localhost", 9092);

  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final Map<TopicPartition, long[]> logs = new ConcurrentHashMap<>();
  private final Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
      new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Admin admin =
      (Admin)
          Proxy.newProxyInstance(
              Admin.class.getClassLoader(),
              new Class<?>[] {Admin.class},
              (proxy, method, args) -> {
                if (method.getDeclaringClass() == Object.class) {
                  return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "OffsetsAdmin";
                  };
                }
                calls.add(method.getName());
                return switch (method.getName()) {
                  case "describeTopics" -> describeTopics(names(args[0]));
                  case "listOffsets" -> listOffsets(specs(args[0]));
                  case "listConsumerGroupOffsets" -> listGroupOffsets((String) args[0]);
                  default ->
                      throw new UnsupportedOperationException(method.getName() + " unexpected");
                };
              });

  Admin admin() {
    return admin;
  }

  /** A partition of {@code topic} holding offsets {@code logStart} (inclusive) to {@code end}. */
  OffsetsAdmin partition(String topic, int partition, long logStart, long end) {
    logs.put(new TopicPartition(topic, partition), new long[] {logStart, end});
    return this;
  }

  OffsetsAdmin committed(String group, String topic, int partition, long offset) {
    committed
        .computeIfAbsent(group, g -> new ConcurrentHashMap<>())
        .put(new TopicPartition(topic, partition), new OffsetAndMetadata(offset));
    return this;
  }

  /**
   * Makes every later call of {@code method} fail with {@code failure}, or never answer when {@code
   * failure} is null.
   */
  void fail(String method, RuntimeException failure) {
    failures.put(method, failure == null ? new NeverAnswers() : failure);
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  void reset() {
    calls.clear();
    logs.clear();
    committed.clear();
    failures.clear();
  }

  private <T> KafkaFuture<T> answer(String method, T value) {
    KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
    RuntimeException failure = failures.get(method);
    if (failure instanceof NeverAnswers) {
      return future;
    }
    if (failure != null) {
      future.completeExceptionally(failure);
    } else {
      future.complete(value);
    }
    return future;
  }

  private DescribeTopicsResult describeTopics(Collection<String> names) {
    Map<String, KafkaFuture<TopicDescription>> results = new HashMap<>();
    for (String name : names) {
      List<TopicPartitionInfo> partitions =
          logs.keySet().stream()
              .filter(tp -> tp.topic().equals(name))
              .map(tp -> new TopicPartitionInfo(tp.partition(), NODE, List.of(NODE), List.of(NODE)))
              .toList();
      results.put(
          name,
          answer(
              "describeTopics",
              new TopicDescription(name, false, partitions, null, Uuid.ZERO_UUID)));
    }
    return new DescribeTopicsResult(null, results) {};
  }

  private ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> specs) {
    Map<TopicPartition, KafkaFuture<ListOffsetsResultInfo>> results = new HashMap<>();
    specs.forEach(
        (tp, spec) -> {
          long[] log = logs.get(tp);
          long offset = spec instanceof OffsetSpec.EarliestSpec ? log[0] : log[1];
          results.put(
              tp,
              answer(
                  "listOffsets",
                  new ListOffsetsResultInfo(offset, -1, java.util.Optional.empty())));
        });
    return new ListOffsetsResult(results);
  }

  private ListConsumerGroupOffsetsResult listGroupOffsets(String group) {
    KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> offsets =
        answer("listConsumerGroupOffsets", Map.copyOf(committed.getOrDefault(group, Map.of())));
    try {
      // Kafka offers no public way to build this result; tests of other Admin users do the same.
      Constructor<ListConsumerGroupOffsetsResult> constructor =
          ListConsumerGroupOffsetsResult.class.getDeclaredConstructor(Map.class);
      constructor.setAccessible(true);
      return constructor.newInstance(Map.of(CoordinatorKey.byGroupId(group), offsets));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Collection<String> names(Object arg) {
    return (Collection<String>) arg;
  }

  @SuppressWarnings("unchecked")
  private static Map<TopicPartition, OffsetSpec> specs(Object arg) {
    return (Map<TopicPartition, OffsetSpec>) arg;
  }

  private static final class NeverAnswers extends RuntimeException {}
}
